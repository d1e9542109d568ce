using Confluent.Kafka;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Consuming;
using Depc.Kafka.Tests.Support;

namespace Depc.Kafka.Tests.Consuming;

public sealed class BatchMergerTests : IDisposable
{
    private static readonly TeamName A = TeamName.Parse("acme");
    private static readonly TeamName B = TeamName.Parse("bravo");
    private static readonly TeamName C = TeamName.Parse("charlie");

    // Batch kinds: team, partition, message count (each message counts 10 bytes).
    private static readonly (TeamName Team, int Partition, int Messages)[] Kinds = [(A, 0, 1), (A, 1, 2), (B, 0, 1), (B, 0, 3), (C, 0, 2)];
    private const int TakeStep = -1;

    private readonly TestBatches _batches = new();
    private readonly Dictionary<(TeamName, int), PartitionState> _states = [];

    [Fact]
    public void Every_interleaving_of_arrivals_and_writes_serves_the_least_recently_served_team_with_the_longest_fitting_run_of_its_batches()
    {
        var cases = 0;
        foreach (var script in Scripts(Kinds.Length, maxLength: 6))
        {
            foreach (var (maxMessages, maxBytes) in new (int, long)[] { (1, 1000), (3, 1000), (8, 35), (100, 1000) })
            {
                Run(script, maxMessages, maxBytes);
                cases++;
            }
        }

        // 6 symbols (five kinds and a write), scripts of 1 to 6 steps, four limit pairs.
        Assert.Equal((6 + 36 + 216 + 1296 + 7776 + 46656) * 4, cases);
    }

    [Fact]
    public void A_team_with_a_full_queue_gets_one_write_in_turn_with_a_team_whose_batch_arrived_behind_it()
    {
        var merger = new BatchMerger(maxMessages: 2_000, maxBytes: 1 << 30);
        var waiting = Waiting(Enumerable.Range(0, 31).Select(i => _batches.Cut(A, i % 4, Payloads(1_000))));
        var quiet = _batches.Cut(B, 0, Payloads(3));
        waiting.Add(quiet);

        var first = waiting.Take(merger.Choose);
        var second = waiting.Take(merger.Choose);
        var third = waiting.Take(merger.Choose);

        Assert.Equal([A, A], first.Select(static b => b.Team));
        Assert.Equal([quiet], second);
        Assert.Equal([A, A], third.Select(static b => b.Team));
    }

    [Fact]
    public void Batches_of_several_partitions_of_a_team_join_one_write_in_queue_order_past_other_teams_batches()
    {
        var first = _batches.Cut(A, 0, Payloads(3));
        var other = _batches.Cut(B, 0, Payloads(1));
        List<PendingBatch> behind = [_batches.Cut(A, 1, Payloads(2)), _batches.Cut(A, 0, Payloads(2)), _batches.Cut(A, 2, Payloads(1))];
        var waiting = Waiting([first, other, .. behind]);

        var merged = waiting.Take(new BatchMerger(100, 1 << 20).Choose);

        Assert.Equal([first, .. behind], merged);
        Assert.Equal([other], waiting.Take(all => [.. Enumerable.Range(0, all.Count)]));
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

    [Fact]
    public void Waiting_batches_are_counted_per_team_as_they_come_and_go()
    {
        var waiting = Waiting([_batches.Cut(A, 0, Payloads(1)), _batches.Cut(B, 0, Payloads(1)), _batches.Cut(A, 1, Payloads(1))]);
        Assert.Equal((2, 1, 0), (waiting.CountOf(A), waiting.CountOf(B), waiting.CountOf(C)));

        _ = waiting.Take(new BatchMerger(100, 1000).Choose);

        Assert.Equal((0, 1), (waiting.CountOf(A), waiting.CountOf(B)));
    }

    public void Dispose()
    {
        _batches.Dispose();
        foreach (var state in _states.Values)
        {
            state.Dispose();
        }
    }

    /// <summary>
    /// Plays a script (a kind index: that batch arrives; <see cref="TakeStep"/>: one write is taken), then takes writes
    /// until none wait, checking each write against the model and, at the end, that every batch was written exactly
    /// once with each partition's offsets in order.
    /// </summary>
    private void Run(int[] script, int maxMessages, long maxBytes)
    {
        var merger = new BatchMerger(maxMessages, maxBytes);
        using var waiting = new WaitingBatches();
        List<PendingBatch> model = [];
        List<TeamName> served = [];
        List<PendingBatch> written = [];
        Dictionary<(TeamName, int), long> next = [];
        foreach (var step in script)
        {
            if (step == TakeStep)
            {
                TakeOne(waiting, merger, model, served, written, maxMessages, maxBytes);
                continue;
            }

            var (team, partition, count) = Kinds[step];
            var first = next.GetValueOrDefault((team, partition));
            next[(team, partition)] = first + count;
            var batch = new PendingBatch(State(team, partition), team, Messages(team, partition, first, count), first, first + count - 1, count * 10L);
            waiting.Add(batch);
            model.Add(batch);
        }

        while (model.Count > 0)
        {
            TakeOne(waiting, merger, model, served, written, maxMessages, maxBytes);
        }

        Assert.Equal(0, waiting.Count);
        Assert.Equal(script.Count(static s => s != TakeStep), written.Count);
        foreach (var partition in written.GroupBy(static b => (b.Team, b.Partition.Partition)))
        {
            var offsets = partition.Select(static b => b.FirstOffset).ToList();
            Assert.Equal(offsets.Order(), offsets);
            Assert.Equal(0, offsets[0]);
        }
    }

    private static void TakeOne(WaitingBatches waiting, BatchMerger merger, List<PendingBatch> model, List<TeamName> served, List<PendingBatch> written, int maxMessages, long maxBytes)
    {
        var expected = Expected(model, served, maxMessages, maxBytes);
        var taken = waiting.Take(merger.Choose);
        Assert.Equal(expected, taken);
        if (expected.Count > 0)
        {
            served.Add(expected[0].Team);
            model.RemoveAll(expected.Contains);
            written.AddRange(expected);
        }
    }

    /// <summary>
    /// The model, from the history of served teams: the waiting team absent from the history, or else whose last
    /// service is the earliest (ties to the earliest in the queue); then the longest run of its batches in queue order,
    /// at least one, within both limits.
    /// </summary>
    private static List<PendingBatch> Expected(List<PendingBatch> queue, List<TeamName> served, int maxMessages, long maxBytes)
    {
        if (queue.Count == 0)
        {
            return [];
        }

        var team = queue.Select(static b => b.Team).Distinct().MinBy(t => served.LastIndexOf(t));
        List<PendingBatch> expected = [];
        var (messages, bytes) = (0, 0L);
        foreach (var next in queue.Where(b => b.Team == team))
        {
            if (expected.Count > 0 && (messages + next.Messages.Count > maxMessages || bytes + next.Bytes > maxBytes))
            {
                break;
            }

            expected.Add(next);
            (messages, bytes) = (messages + next.Messages.Count, bytes + next.Bytes);
        }

        return expected;
    }

    private PartitionState State(TeamName team, int partition)
    {
        if (!_states.TryGetValue((team, partition), out var state))
        {
            state = new PartitionState(new TopicPartition(team.Topic, partition), team, CancellationToken.None);
            _states.Add((team, partition), state);
        }

        return state;
    }

    private static RawMessage[] Messages(TeamName team, int partition, long first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RawMessage(new byte[10], MessageOrigin.Kafka(team.Topic, partition, first + i), 0))];

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

    private static IEnumerable<int[]> Scripts(int kinds, int maxLength)
    {
        int[] symbols = [.. Enumerable.Range(0, kinds), TakeStep];
        IEnumerable<int[]> level = [[]];
        for (var length = 1; length <= maxLength; length++)
        {
            level = [.. level.SelectMany(s => symbols.Select(k => (int[])[.. s, k]))];
            foreach (var script in level)
            {
                yield return script;
            }
        }
    }
}
