namespace Depc.Kafka.Telemetry;

/// <summary>Per-partition consumer lag of this instance's assigned partitions, refreshed about once a second.</summary>
public interface IConsumerLagSource
{
    IReadOnlyList<PartitionLag> GetLag();
}
