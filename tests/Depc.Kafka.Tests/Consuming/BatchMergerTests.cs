using Depc.Core.Naming;
using Depc.Kafka.Consuming;
using Depc.Kafka.Tests.Support;

namespace Depc.Kafka.Tests.Consuming;

public sealed class BatchMergerTests : IDisposable
{
    private static readonly TeamName A = TeamName.Parse("acme");
    private static readonly TeamName B = TeamName.Parse("bravo");
    private readonly TestBatches _batches = new();

    [Fact]
    public void Every_queue_of_up_to_five_batches_merges_exactly_the_joinable_run_behind_the_first_and_leaves_the_rest_waiting_in_order()
    {
        // Batch kinds: team, message count (each payload is 10 bytes).
        (TeamName Team, int Messages)[] kinds = [(A, 1), (A, 2), (A, 3), (B, 1), (B, 3)];
        var cases = 0;
        foreach (var sequence in Sequences(kinds.Length, maxLength: 5))
        {
            foreach (var maxMessages in Enumerable.Range(1, 8))
            {
                foreach (var maxBytes in new long[] { 10, 25, 40, 1000 })
                {
                    var queue = sequence.Select((k, i) => Batch(kinds[k].Team, partition: i % 3, kinds[k].Messages)).ToList();
                    var waiting = Waiting(queue);

                    var merged = waiting.Take(new BatchMerger(maxMessages, maxBytes).Choose);

                    var expected = Expected(queue, maxMessages, maxBytes);
                    Assert.Equal(expected, merged);
                    Assert.Equal(queue.Skip(expected.Count), waiting.Take(all => [.. Enumerable.Range(0, all.Count)]));
                    cases++;
                }
            }
        }

        Assert.Equal((5 + 25 + 125 + 625 + 3125) * 8 * 4, cases);
    }

    [Fact]
    public void Batches_of_several_partitions_of_a_team_join_one_write_in_queue_order()
    {
        var first = _batches.Cut(A, 0, Payloads(3));
        List<PendingBatch> behind = [_batches.Cut(A, 1, Payloads(2)), _batches.Cut(A, 0, Payloads(2)), _batches.Cut(A, 2, Payloads(1))];

        var merged = Waiting([first, .. behind]).Take(new BatchMerger(100, 1 << 20).Choose);

        Assert.Equal([first, .. behind], merged);
        // Partition 0's two batches are consecutive ranges, the earlier one first.
        Assert.Equal([(0L, 2L), (3L, 4L)], merged.Where(b => b.Partition.Partition == 0).Select(b => (b.FirstOffset, b.LastOffset)));
    }

    [Fact]
    public void A_first_batch_beyond_the_limits_is_written_alone()
    {
        var first = _batches.Cut(A, 0, Payloads(5));
        var waiting = Waiting([first, _batches.Cut(A, 1, Payloads(1))]);

        Assert.Equal([first], waiting.Take(new BatchMerger(maxMessages: 3, maxBytes: 1 << 20).Choose));
        Assert.Equal(1, waiting.Count);
        Assert.Empty(new BatchMerger(1, 1).Choose([]));
    }

    [Fact]
    public void Rejects_limits_that_would_never_merge()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchMerger(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchMerger(1, 0));
    }

    public void Dispose() => _batches.Dispose();

    /// <summary>The model: the first batch, then the longest run behind it of the same team within both limits.</summary>
    private static List<PendingBatch> Expected(List<PendingBatch> queue, int maxMessages, long maxBytes)
    {
        List<PendingBatch> expected = [queue[0]];
        var (messages, bytes) = (queue[0].Messages.Count, queue[0].Bytes);
        foreach (var next in queue.Skip(1))
        {
            if (next.Team != queue[0].Team || messages + next.Messages.Count > maxMessages || bytes + next.Bytes > maxBytes)
            {
                break;
            }

            expected.Add(next);
            (messages, bytes) = (messages + next.Messages.Count, bytes + next.Bytes);
        }

        return expected;
    }

    private PendingBatch Batch(TeamName team, int partition, int messages) => _batches.Cut(team, partition, Payloads(messages));

    private static string[] Payloads(int count) => [.. Enumerable.Repeat("0123456789", count)];

    private static WaitingBatches Waiting(IEnumerable<PendingBatch> batches)
    {
        var waiting = new WaitingBatches();
        foreach (var batch in batches)
        {
            waiting.Add(batch);
        }

        return waiting;
    }

    private static IEnumerable<int[]> Sequences(int kinds, int maxLength)
    {
        IEnumerable<int[]> level = [[]];
        for (var length = 1; length <= maxLength; length++)
        {
            level = [.. level.SelectMany(s => Enumerable.Range(0, kinds).Select(k => (int[])[.. s, k]))];
            foreach (var sequence in level)
            {
                yield return sequence;
            }
        }
    }
}
