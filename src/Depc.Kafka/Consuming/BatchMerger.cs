using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Decides which waiting batches share the next store transaction, fairly across teams (issue 12): the team served
/// least recently among those with batches waiting (round-robin; a team never served first, then the one whose batch
/// waits longest), and of that team, its batches in queue order while the write stays within <c>maxMessages</c> and
/// <c>maxBytes</c> (its first batch alone when even that one exceeds them), stopping at the first that does not fit.
/// Taking a prefix of one team's batches in queue order keeps each partition's batches in offset order (a partition
/// belongs to one team); partitions are independent streams, so interleaving them in one write gives the graph
/// one-by-one application would. So a team with a large backlog gets one write in turn with every other team that has
/// something waiting, instead of every write while its batches fill the queue. Stateful (who was served when): used by
/// the one planner task only.
/// </summary>
internal sealed class BatchMerger
{
    private readonly int _maxMessages;
    private readonly long _maxBytes;

    // When each team was last served (a write count). Bounded by the teams whose topics this instance consumes.
    private readonly Dictionary<TeamName, long> _lastServed = [];
    private long _writes;

    public BatchMerger(int maxMessages, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxMessages = maxMessages;
        _maxBytes = maxBytes;
    }

    /// <summary>The indexes (ascending) of the batches of the next write; records their team as served now.</summary>
    public IReadOnlyList<int> Choose(IReadOnlyList<PendingBatch> waiting)
    {
        if (waiting.Count == 0)
        {
            return [];
        }

        var team = NextTeam(waiting);
        List<int> chosen = [];
        var messages = 0;
        var bytes = 0L;
        for (var i = 0; i < waiting.Count; i++)
        {
            var next = waiting[i];
            if (next.Team != team)
            {
                continue;
            }

            if (chosen.Count > 0 && (messages + next.Messages.Count > _maxMessages || bytes + next.Bytes > _maxBytes))
            {
                break;
            }

            chosen.Add(i);
            messages += next.Messages.Count;
            bytes += next.Bytes;
        }

        _lastServed[team] = ++_writes;
        return chosen;
    }

    // The least recently served team with a batch waiting; ties (teams never served) go to the earliest in the queue.
    private TeamName NextTeam(IReadOnlyList<PendingBatch> waiting)
    {
        var best = waiting[0].Team;
        var bestServed = _lastServed.GetValueOrDefault(best);
        for (var i = 1; i < waiting.Count; i++)
        {
            var team = waiting[i].Team;
            var served = _lastServed.GetValueOrDefault(team);
            if (served < bestServed)
            {
                (best, bestServed) = (team, served);
            }
        }

        return best;
    }
}
