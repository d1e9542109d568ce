namespace Depc.Kafka.Consuming;

/// <summary>
/// Decides which waiting batches share one store transaction: the first batch, then the batches right behind it while
/// they are of the same team and the write stays within <c>maxMessages</c> and <c>maxBytes</c>. It takes them in
/// queue order and stops at the first that does not join, so each partition's batches still reach the store in
/// offset order. Partitions of one topic are independent streams, so interleaving them in one write gives the graph
/// one-by-one application would. (The one place to change for another policy, e.g. serving teams in turn.)
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

    /// <summary>The indexes of the batches of the next write: the first (alone when even it exceeds the limits) and those that join it.</summary>
    public IReadOnlyList<int> Choose(IReadOnlyList<PendingBatch> waiting)
    {
        if (waiting.Count == 0)
        {
            return [];
        }

        var first = waiting[0];
        List<int> chosen = [0];
        var messages = first.Messages.Count;
        var bytes = first.Bytes;
        for (var i = 1; i < waiting.Count; i++)
        {
            var next = waiting[i];
            if (next.Team != first.Team || messages + next.Messages.Count > _maxMessages || bytes + next.Bytes > _maxBytes)
            {
                break;
            }

            chosen.Add(i);
            messages += next.Messages.Count;
            bytes += next.Bytes;
        }

        return chosen;
    }
}
