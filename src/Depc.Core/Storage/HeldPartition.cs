namespace Depc.Core.Storage;

/// <summary>A Kafka partition an instance consumes, with its lag (messages not yet written) when it last said.</summary>
public sealed record HeldPartition(string Topic, int Partition, long Lag);
