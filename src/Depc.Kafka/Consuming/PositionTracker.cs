using Confluent.Kafka;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Where each assigned partition stands (KafkaFlow's <c>OffsetManager</c> idea, with the store as the truth): on
/// assignment it reads the stored positions and tells the consumer to start there; each write records how far its
/// partitions are applied; the consume thread then stores those offsets for Kafka's commit, which is kept up to date
/// for lag monitoring only. The map is the consume thread's; the states it holds are shared with the write stage.
/// </summary>
internal sealed class PositionTracker(IGraphStore store, string group, TimeSpan readTimeout, ILogger logger, CancellationToken hardStop)
{
    private readonly Dictionary<TopicPartition, PartitionBuffer> _partitions = [];
    private IConsumer<Ignore, byte[]>? _consumer;

    public IEnumerable<PartitionBuffer> All => _partitions.Values;

    public void Attach(IConsumer<Ignore, byte[]> consumer) => _consumer = consumer;

    /// <summary>The buffer of a partition, tracked from now on if it was not (a message can come before its assignment is seen).</summary>
    public PartitionBuffer BufferOf(TopicPartition tp)
    {
        if (!_partitions.TryGetValue(tp, out var buffer))
        {
            TeamName? team = TeamName.TryFromTopic(tp.Topic, out var t) ? t : null;
            if (team is null)
            {
                Log.NotTeamTopic(logger, tp.Topic);
            }

            buffer = new PartitionBuffer(new PartitionState(tp, team, hardStop));
            _partitions[tp] = buffer;
        }

        return buffer;
    }

    public List<PartitionBuffer> Buffers(IEnumerable<TopicPartition> partitions) =>
        [.. partitions.Select(tp => _partitions.GetValueOrDefault(tp)).OfType<PartitionBuffer>()];

    /// <summary>
    /// Tracks newly assigned partitions and says where each starts: its stored position, or, when the store has none
    /// (or cannot be read now), Kafka's committed offset; a write below the stored position is then fenced by the store.
    /// </summary>
    public List<TopicPartitionOffset> Assign(List<TopicPartition> partitions)
    {
        var starts = new List<TopicPartitionOffset>(partitions.Count);
        foreach (var topic in partitions.GroupBy(static tp => tp.Topic))
        {
            var stored = TeamName.TryFromTopic(topic.Key, out _) ? Read(topic.Key) : [];
            foreach (var tp in topic)
            {
                var buffer = BufferOf(tp);
                var next = stored.FirstOrDefault(s => s.Partition == tp.Partition.Value)?.Next ?? -1;
                buffer.State.StoredAt(next);
                starts.Add(new TopicPartitionOffset(tp, next >= 0 ? new Offset(next) : Offset.Unset));
            }
        }

        Log.PartitionsAssigned(logger, string.Join(", ", starts.Select(static s => $"{s.Topic}/{s.Partition.Value}@{(s.Offset == Offset.Unset ? "committed" : s.Offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}")));
        return starts;
    }

    /// <summary>Stops tracking partitions given away; their states are disposed.</summary>
    public void Release(List<PartitionBuffer> buffers)
    {
        foreach (var buffer in buffers)
        {
            _partitions.Remove(buffer.State.TopicPartition);
            buffer.State.Dispose();
        }
    }

    /// <summary>After a write (write stage): the partition is applied up to <paramref name="next"/>.</summary>
    public static void Written(PartitionState state, long next) => state.WroteUpTo(next);

    /// <summary>Consume thread: stores, for Kafka's next commit, how far each partition is applied (by this instance or, as the store said, before it).</summary>
    public void StoreAppliedOffsets()
    {
        foreach (var (tp, buffer) in _partitions)
        {
            var applied = buffer.State.Applied;
            if (applied > buffer.State.KafkaStored && buffer.State.Team is not null)
            {
                buffer.State.KafkaStored = applied;
                StoreOffset(tp, applied);
            }
        }
    }

    /// <summary>Offsets of a partition whose messages are never applied (not a team topic): committed as read.</summary>
    public void Skipped(TopicPartition tp, long next) => StoreOffset(tp, next);

    public IReadOnlyList<PartitionLag> Lag(IConsumer<Ignore, byte[]> consumer)
    {
        var lag = new List<PartitionLag>(_partitions.Count);
        foreach (var (tp, buffer) in _partitions)
        {
            var high = consumer.GetWatermarkOffsets(tp).High.Value;
            var next = buffer.State.Applied >= 0 ? buffer.State.Applied : consumer.Position(tp).Value;
            if (high >= 0 && next >= 0)
            {
                lag.Add(new PartitionLag(buffer.State.Team?.Value ?? "", tp.Topic, tp.Partition.Value, Math.Max(0, high - next)));
            }
        }

        return lag;
    }

    public void DisposeAll()
    {
        foreach (var buffer in _partitions.Values)
        {
            buffer.State.Dispose();
        }

        _partitions.Clear();
    }

    private IReadOnlyList<StoredPosition> Read(string topic)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
            timeout.CancelAfter(readTimeout);
            return store.ReadPositionsAsync(group, topic, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is StoreException or OperationCanceledException)
        {
            Log.PositionsUnreadable(logger, topic, e.Message);
            return [];
        }
    }

    private void StoreOffset(TopicPartition tp, long next)
    {
        try
        {
            _consumer?.StoreOffset(new TopicPartitionOffset(tp, new Offset(next)));
        }
        catch (KafkaException e)
        {
            // Not assigned (yet, or any more): its owner starts from the stored position anyway.
            Log.CommitFailed(logger, $"{tp.Topic}/{tp.Partition.Value}: {e.Error.Reason}");
        }
    }
}
