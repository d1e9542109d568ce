namespace Depc.Kafka.Telemetry;

/// <summary>How many messages of a partition wait to be written: high watermark minus the next offset to write.</summary>
public sealed record PartitionLag(string Team, string Topic, int Partition, long Lag);
