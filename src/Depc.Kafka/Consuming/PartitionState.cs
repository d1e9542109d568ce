using Confluent.Kafka;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>
/// One assigned partition, shared by the consume thread and the writer: how many of its cut batches
/// are not yet finished, the last offset durably written, and a token that abandons its batches
/// (revocation timeout, lost partitions, crash) so that nothing is written after it is given away.
/// </summary>
internal sealed class PartitionState : IDisposable
{
    private readonly CancellationTokenSource _abandon;
    private int _outstanding;
    private long _lastWritten = -1;

    public PartitionState(TopicPartition topicPartition, TeamName? team, CancellationToken hardStop)
    {
        TopicPartition = topicPartition;
        Team = team;
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
    }

    public TopicPartition TopicPartition { get; }

    /// <summary>Null when the topic matched the pattern but is not a valid team topic.</summary>
    public TeamName? Team { get; }

    public CancellationToken Token => _abandon.Token;

    public bool IsAbandoned => _abandon.IsCancellationRequested;

    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The offset of the last message durably written, -1 when none yet.</summary>
    public long LastWritten => Interlocked.Read(ref _lastWritten);

    public void BatchCut() => Interlocked.Increment(ref _outstanding);

    public void BatchFinished() => Interlocked.Decrement(ref _outstanding);

    public void Written(long offset) => Interlocked.Exchange(ref _lastWritten, offset);

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

    public override string ToString() => $"{TopicPartition.Topic}/{TopicPartition.Partition.Value}";
}
