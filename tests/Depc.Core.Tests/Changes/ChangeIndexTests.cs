using CsCheck;
using Depc.Core.Activity;
using Depc.Core.Changes;
using Depc.Core.Periods;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Changes;

public sealed class ChangeIndexTests
{
    [Fact]
    public void Appended_boundaries_are_the_tail_after_the_last_ts_even_when_old_periods_were_trimmed()
    {
        var before = new RelationshipState([10, 20, 30], LastState.From, 30);

        Assert.Equal([10L, 20, 30], ChangeBuckets.Appended(null, before).ToArray());
        Assert.Equal([40L], ChangeBuckets.Appended(before, new RelationshipState([10, 20, 30, 40], LastState.To, 40)).ToArray());
        Assert.Equal([40L, 50], ChangeBuckets.Appended(before, new RelationshipState([30, 40, 50], LastState.From, 50)).ToArray());
        Assert.Empty(ChangeBuckets.Appended(before, before).ToArray());
    }

    [Theory]
    [InlineData(99, 100, 200, false)]
    [InlineData(100, 100, 200, true)]
    [InlineData(200, 100, 200, true)]
    [InlineData(201, 100, 200, false)]
    public void An_entry_may_tell_a_change_when_it_lies_in_the_closed_window(long ts, long t1, long t2, bool expected) =>
        Assert.Equal(expected, ChangeBuckets.MayTell(ts, t1, t2));

    [Fact]
    public void The_recorder_hands_out_entries_by_bucket_in_time_order()
    {
        var changes = new ChangeRecorder<long>();
        var second = 1L << ChangeBuckets.Bits;
        changes.Node(7, second + 5, 3);
        changes.Relationship(9, null, new RelationshipState([1, second + 1], LastState.To, second + 1));
        changes.Node(8, null, null);
        changes.Node(6, 4, 4);

        var buckets = changes.Buckets().Select(b => (b.Bucket, string.Join(' ', b.Entries.Select(e => $"{e.Ts}:{e.Element}")))).ToList();

        Assert.Equal(5, changes.Count);
        Assert.Equal([(0L, "1:9 3:7 4:6"), (1L, $"{second + 1}:9 {second + 5}:7")], buckets);
    }

    /// <summary>
    /// The change index, as the stores keep it: for random histories of node bounds (overwritten) and relationship
    /// events (through the period table, old periods sometimes trimmed), the elements named by entries in
    /// <c>[t1, t2]</c>, read as they are now, give the same diff as the two whole snapshots compared naively.
    /// </summary>
    [Fact]
    public void Candidates_from_the_index_give_the_diff_of_the_two_snapshots()
    {
        var bound = Gen.Long[0, 50].Nullable(0.5);
        var nodeHistory = Gen.Select(bound, bound).Array[0, 4];
        var linkHistory = Gen.Select(Gen.Long[0, 50].Nullable(0.4), Gen.Long[1, 50].Nullable(0.5), Gen.Bool).Where((f, t, _) => f is not null || t is not null).Array[0, 8];
        var window = Gen.Long[0, 60].Select(Gen.Long[1, 30], (t1, d) => (t1, t2: t1 + d));
        Gen.Select(nodeHistory.Array[1, 6], linkHistory.Array[0, 6], window).Sample((nodeWrites, linkEvents, w) =>
        {
            var changes = new ChangeRecorder<long>();
            var nodes = nodeWrites.Select((writes, i) => Node(i, writes, changes)).ToList();
            var links = linkEvents.Select((events, i) => Link(i, events, changes, nodes)).Where(l => l is not null).Select(l => l!).ToList();

            var named = changes.Buckets().SelectMany(b => b.Entries)
                .Where(e => ChangeBuckets.MayTell(e.Ts, w.t1, w.t2)).Select(e => e.Element).ToHashSet();
            var candidates = new ChangeCandidates([.. nodes.Where(n => named.Contains(n.Id))], [.. links.Where(l => named.Contains(LinkId(l)))]);
            var diff = TimeDiff.Compute(candidates, new DiffQuery(w.t1, w.t2));

            return Names(diff.Appeared) == Naive(nodes, links, w.t1, w.t2) && Names(diff.Disappeared) == Naive(nodes, links, w.t2, w.t1);
        });
    }

    private static GraphNode Node(int i, (long? From, long? To)[] writes, ChangeRecorder<long> changes)
    {
        var node = new GraphNode(i, "N", $"n{i}", null, null);
        foreach (var (from, to) in writes)
        {
            changes.Node(i, from, to);
            node = node with { From = from ?? node.From, To = to ?? node.To };
        }

        return node;
    }

    private static CandidateRelationship? Link(int i, (long? From, long? To, bool Trim)[] events, ChangeRecorder<long> changes, List<GraphNode> nodes)
    {
        RelationshipState? state = null;
        foreach (var (from, to, trim) in events)
        {
            var result = PeriodTable.Apply(state, from, to);
            if (result.Outcome != Storage.MessageOutcome.Accepted || result.State is not { } after)
            {
                continue;
            }

            // Trimming (a relationship keeps a bounded number of periods) drops the oldest complete period.
            if (trim && after.Periods.Length > 2)
            {
                after = after with { Periods = after.Periods[2..] };
            }

            changes.Relationship(LinkId(i), state, after);
            state = after;
        }

        return state is null ? null : new CandidateRelationship(nodes[i % nodes.Count], nodes[(i + 1) % nodes.Count] with { Name = $"t{i}" }, state.Periods);
    }

    private static long LinkId(int i) => 1000 + i;

    private static long LinkId(CandidateRelationship link) => LinkId(int.Parse(link.Target.Name[1..], System.Globalization.CultureInfo.InvariantCulture));

    private static string Names(DiffSide side) =>
        string.Join(" ", side.Nodes.Select(n => n.Name)) + " | " + string.Join(" ", side.Relationships.Select(r => r.Target.Name));

    /// <summary>What is active at <paramref name="later"/> and not at <paramref name="earlier"/>, from every element.</summary>
    private static string Naive(List<GraphNode> nodes, List<CandidateRelationship> links, long earlier, long later) =>
        string.Join(" ", nodes.Where(n => ActivityRules.NodeActiveAt(n.From, n.To, later) && !ActivityRules.NodeActiveAt(n.From, n.To, earlier)).Select(n => n.Name).Order(StringComparer.Ordinal))
        + " | "
        + string.Join(" ", links.Where(l => ActivityRules.RelationshipActiveAt(l.Periods, later) && !ActivityRules.RelationshipActiveAt(l.Periods, earlier))
            .OrderBy(l => l.Source.Name, StringComparer.Ordinal).ThenBy(l => l.Target.Name, StringComparer.Ordinal).Select(l => l.Target.Name));
}
