using Depc.Core.Storage;

namespace Depc.Kafka.Consuming;

/// <summary>What every Kafka write carries besides its batches: the consumer group its positions are kept for, and the feed's retention.</summary>
internal sealed record WriteSettings(string Group, FeedRecording Feed);
