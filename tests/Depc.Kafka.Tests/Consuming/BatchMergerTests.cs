using System.Threading.Channels;
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
    public void Every_queue_of_up_to_five_batches_merges_exactly_the_joinable_run_behind_the_first_and_leaves_the_rest_in_order()
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
                    var queued = Channel.CreateUnbounded<PendingBatch>();
                    foreach (var batch in queue.Skip(1))
                    {
                        queued.Writer.TryWrite(batch);
                    }

                    var merged = new BatchMerger(maxMessages, maxBytes).Merge(queue[0], queued.Reader);

                    var expected = Expected(queue, maxMessages, maxBytes);
                    Assert.Equal(expected, merged);
                    Assert.Equal(queue.Skip(expected.Count), Drain(queued.Reader));
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
        var queued = Channel.CreateUnbounded<PendingBatch>();
        behind.ForEach(b => queued.Writer.TryWrite(b));

        var merged = new BatchMerger(100, 1 << 20).Merge(first, queued.Reader);

        Assert.Equal([first, .. behind], merged);
        // Partition 0's two batches are consecutive ranges, the earlier one first.
        Assert.Equal([(0L, 2L), (3L, 4L)], merged.Where(b => b.PartitionId == 0).Select(b => (b.FirstOffset, b.LastOffset)));
    }

    [Fact]
    public void A_first_batch_beyond_the_limits_is_written_alone()
    {
        var first = _batches.Cut(A, 0, Payloads(5));
        var queued = Channel.CreateUnbounded<PendingBatch>();
        queued.Writer.TryWrite(_batches.Cut(A, 1, Payloads(1)));

        Assert.Equal([first], new BatchMerger(maxMessages: 3, maxBytes: 1 << 20).Merge(first, queued.Reader));
        Assert.Single(Drain(queued.Reader));
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

    private static List<PendingBatch> Drain(ChannelReader<PendingBatch> reader)
    {
        var rest = new List<PendingBatch>();
        while (reader.TryRead(out var batch))
        {
            rest.Add(batch);
        }

        return rest;
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
