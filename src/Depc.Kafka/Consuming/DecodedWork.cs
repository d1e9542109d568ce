using Depc.Core.Ingestion;

namespace Depc.Kafka.Consuming;

/// <summary>A cut batch and its decoding (null when its partition was abandoned before decoding).</summary>
internal sealed record DecodedWork(PendingBatch Batch, DecodedBatch? Decoded);
