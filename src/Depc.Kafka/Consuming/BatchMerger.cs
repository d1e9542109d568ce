using System.Threading.Channels;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Decides which cut batches share one store transaction: the first batch, then the batches queued
/// right behind it while they are of the same team and the write stays within <c>maxMessages</c> and
/// <c>maxBytes</c>. It takes them in queue order and stops at the first that does not join, so each
/// partition's batches still reach the store in offset order. Partitions of one topic are independent
/// streams, so interleaving them in one write gives the graph one-by-one application would.
/// </summary>
internal sealed class BatchMerger
{
    private readonly int _maxMessages;
    private readonly long _maxBytes;

    public BatchMerger(int maxMessages, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxMessages = maxMessages;
        _maxBytes = maxBytes;
    }

    /// <summary>The batches of one write: <paramref name="first"/> (alone when even it exceeds the limits) and those that join it.</summary>
    public List<PendingBatch> Merge(PendingBatch first, ChannelReader<PendingBatch> queued)
    {
        List<PendingBatch> batches = [first];
        var messages = first.Messages.Count;
        var bytes = first.Bytes;
        while (queued.TryPeek(out var next) && Joins(first, messages, bytes, next) && queued.TryRead(out next))
        {
            batches.Add(next);
            messages += next.Messages.Count;
            bytes += next.Bytes;
        }

        return batches;
    }

    private bool Joins(PendingBatch first, int messages, long bytes, PendingBatch next) =>
        next.Team == first.Team
        && messages + next.Messages.Count <= _maxMessages
        && bytes + next.Bytes <= _maxBytes;
}
