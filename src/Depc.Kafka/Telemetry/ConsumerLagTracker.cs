namespace Depc.Kafka.Telemetry;

/// <summary>Holds the lag snapshot the consume thread computes, for /status and the lag gauge.</summary>
internal sealed class ConsumerLagTracker : IConsumerLagSource
{
    private IReadOnlyList<PartitionLag> _lag = [];

    public IReadOnlyList<PartitionLag> GetLag() => Volatile.Read(ref _lag);

    public void Update(IReadOnlyList<PartitionLag> lag) => Volatile.Write(ref _lag, lag);
}
