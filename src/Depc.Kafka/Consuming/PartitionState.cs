using Confluent.Kafka;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>
/// One assigned partition, shared by the consume thread and the write stage: how many of its cut batches are not yet
/// finished, its position (the next offset to apply) as last known from the store and as last written here, and a
/// token that abandons its batches (revocation timeout, lost partition, crash) so that nothing is written for it once
/// it is given away. (The store fences such a write anyway; abandoning saves it.)
/// </summary>
internal sealed class PartitionState : IDisposable
{
    private readonly CancellationTokenSource _abandon;
    private int _outstanding;
    private long _written = -1;
    private long _stored = -1;
    private long _kafkaStored = -1;

    public PartitionState(TopicPartition topicPartition, TeamName? team, CancellationToken hardStop)
    {
        TopicPartition = topicPartition;
        Team = team;
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
    }

    public TopicPartition TopicPartition { get; }

    public string Topic => TopicPartition.Topic;

    public int Partition => TopicPartition.Partition.Value;

    /// <summary>Null when the topic matched the pattern but is not a valid team topic.</summary>
    public TeamName? Team { get; }

    public CancellationToken Token => _abandon.Token;

    public bool IsAbandoned => _abandon.IsCancellationRequested;

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The next offset this instance wrote up to, -1 before its first write.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>The store's position as last seen (at assignment, or when a write was fenced), -1 when unknown.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Where the partition's messages are applied up to, as far as this instance knows.</summary>
    public long Applied => Math.Max(Written, Stored);

    /// <summary>The offset last stored for Kafka's commit (consume thread only): lag monitoring catches up to <see cref="Applied"/>.</summary>
    public long KafkaStored
    {
        get => _kafkaStored;
        set => _kafkaStored = value;
    }

    public void BatchCut() => Interlocked.Increment(ref _outstanding);

    public void BatchFinished() => Interlocked.Decrement(ref _outstanding);

    public void WroteUpTo(long next) => Interlocked.Exchange(ref _written, next);

    public void StoredAt(long next)
    {
        var seen = Interlocked.Read(ref _stored);
        while (next > seen && Interlocked.CompareExchange(ref _stored, next, seen) != seen)
        {
            seen = Interlocked.Read(ref _stored);
        }
    }

    public void Abandon()
    {
        try
        {
            _abandon.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to abandon.
        }
    }

    public void Dispose() => _abandon.Dispose();

    public override string ToString() => $"{Topic}/{Partition}";
}
