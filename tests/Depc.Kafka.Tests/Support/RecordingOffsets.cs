using System.Collections.Concurrent;
using Depc.Kafka.Consuming;

namespace Depc.Kafka.Tests.Support;

/// <summary>Remembers which offsets the writer marked as committable, in order.</summary>
internal sealed class RecordingOffsets : IOffsetStore
{
    public ConcurrentQueue<(int Partition, long Next)> Stored { get; } = new();

    public void StoreOffsets(PendingBatch batch) => Stored.Enqueue((batch.PartitionId, batch.LastOffset + 1));

    /// <summary>The offset committed per partition if the consumer committed now.</summary>
    public Dictionary<int, long> Committable() => Stored.GroupBy(s => s.Partition).ToDictionary(g => g.Key, g => g.Last().Next);
}
