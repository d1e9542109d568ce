using Depc.Kafka.Telemetry;

namespace Depc.Server.Status;

/// <summary>The lag source when Kafka is off: no partitions.</summary>
internal sealed class NoConsumerLag : IConsumerLagSource
{
    public IReadOnlyList<PartitionLag> GetLag() => [];
}
