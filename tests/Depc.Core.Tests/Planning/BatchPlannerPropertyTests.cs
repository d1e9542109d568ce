using CsCheck;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;

namespace Depc.Core.Tests.Planning;

public sealed class BatchPlannerPropertyTests
{
    private const long Now = 1_700_000_000;
    private static readonly TeamName Team = TeamName.Parse("acme");

    // Few labels and names, so that messages keep naming the same nodes and relationships.
    private static readonly Gen<NodeSpec> Node = Gen.Select(
        Gen.OneOf("A", "B"), Gen.OneOf("x", "y", "z"), Gen.Long[0, 9].Nullable(0.6), Gen.Long[1, 9].Nullable(0.6),
        (l, n, f, t) => new NodeSpec(l, n, f, t));

    private static readonly Gen<GraphMessage> Message = Gen.Select(
        Node, Node.Null(0.3), Gen.Select(Gen.Long[0, 9].Nullable(0.5), Gen.Long[1, 9].Nullable(0.5), (f, t) => new RelSpec(f, t)).Null(0.3),
        (s, t, r) => new GraphMessage(s, t, r));

    private static readonly Gen<(GraphMessage[], int[])> MessagesAndCuts = Gen.Select(Message.Array[0, 40], Gen.Int[1, 10].Array[1, 20]);

    [Fact]
    public void Planning_in_several_batches_gives_the_same_node_properties_as_one_batch()
    {
        MessagesAndCuts.Sample((messages, cuts) =>
        {
            var whole = new Dictionary<(string, string), (long?, long?)>();
            Fold(whole, BatchPlanner.Plan(Team, messages, Now));

            var pieces = new Dictionary<(string, string), (long?, long?)>();
            foreach (var batch in Split(messages, cuts))
            {
                Fold(pieces, BatchPlanner.Plan(Team, batch, Now));
            }

            Assert.Equal(OneByOne(messages), whole);
            Assert.Equal(whole, pieces);
        }, iter: 1_000);
    }

    [Fact]
    public void Planning_in_several_batches_gives_the_same_event_sequence_per_relationship_as_one_batch()
    {
        MessagesAndCuts.Sample((messages, cuts) =>
        {
            var whole = Events(BatchPlanner.Plan(Team, messages, Now), offset: 0);

            var pieces = new Dictionary<(string, string, string, string), List<PlannedEvent>>();
            var offset = 0;
            foreach (var batch in Split(messages, cuts))
            {
                foreach (var (key, events) in Events(BatchPlanner.Plan(Team, batch, Now), offset))
                {
                    (pieces.TryGetValue(key, out var list) ? list : pieces[key] = []).AddRange(events);
                }

                offset += batch.Length;
            }

            Assert.Equal(whole.Keys.Order(), pieces.Keys.Order());
            foreach (var key in whole.Keys)
            {
                Assert.Equal(whole[key], pieces[key]);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void A_plan_has_one_event_per_message_with_a_target_in_increasing_message_order()
    {
        Message.Array[0, 40].Sample(messages =>
        {
            var plan = BatchPlanner.Plan(Team, messages, Now);
            var events = plan.Relationships.SelectMany(g => g.Relationships).SelectMany(r => r.Events).ToList();

            Assert.Equal(messages.Count(m => m.Target is not null), events.Count);
            Assert.Equal(events.Count, events.Select(e => e.MessageIndex).Distinct().Count());
            foreach (var r in plan.Relationships.SelectMany(g => g.Relationships))
            {
                Assert.Equal(r.Events.Select(e => e.MessageIndex).Order(), r.Events.Select(e => e.MessageIndex));
                foreach (var e in r.Events)
                {
                    var m = messages[e.MessageIndex];
                    Assert.Equal((r.SourceName, r.TargetName), (m.Source.Name, m.Target!.Name));
                    var expected = m.Rel is { From: not null } or { To: not null } ? (m.Rel.From, m.Rel.To) : (Now, (long?)null);
                    Assert.Equal(expected, (e.From, e.To));
                }
            }
        }, iter: 1_000);
    }

    [Fact]
    public void A_relationship_points_at_its_source_and_target_in_their_label_groups()
    {
        Message.Array[0, 40].Sample(messages =>
        {
            var plan = BatchPlanner.Plan(Team, messages, Now);
            var nodes = plan.Nodes.ToDictionary(g => g.Label, g => g.Nodes);
            foreach (var group in plan.Relationships)
            {
                foreach (var r in group.Relationships)
                {
                    Assert.Equal(r.SourceName, nodes[group.SourceLabel][r.SourceAt].Name);
                    Assert.Equal(r.TargetName, nodes[group.TargetLabel][r.TargetAt].Name);
                }
            }
        }, iter: 1_000);
    }

    /// <summary>The store's side of a plan: each upsert overwrites only what it carries.</summary>
    private static void Fold(Dictionary<(string, string), (long? From, long? To)> nodes, BatchPlan plan)
    {
        foreach (var group in plan.Nodes)
        {
            foreach (var n in group.Nodes)
            {
                nodes[(group.Label, n.Name)] = nodes.TryGetValue((group.Label, n.Name), out var old)
                    ? (n.From ?? old.From, n.To ?? old.To)
                    : (n.From, n.To);
            }
        }
    }

    /// <summary>SPEC §4 applied one message at a time: source, then target.</summary>
    private static Dictionary<(string, string), (long?, long?)> OneByOne(GraphMessage[] messages)
    {
        var nodes = new Dictionary<(string, string), (long? From, long? To)>();
        foreach (var m in messages)
        {
            foreach (var n in m.Target is null ? [m.Source] : new[] { m.Source, m.Target })
            {
                nodes[(n.Label, n.Name)] = nodes.TryGetValue((n.Label, n.Name), out var old) ? (n.From ?? old.From, n.To ?? old.To) : (n.From, n.To);
            }
        }

        return nodes;
    }

    private static Dictionary<(string, string, string, string), List<PlannedEvent>> Events(BatchPlan plan, int offset) =>
        plan.Relationships
            .SelectMany(g => g.Relationships.Select(r => (Key: (g.SourceLabel, r.SourceName, g.TargetLabel, r.TargetName), r.Events)))
            .ToDictionary(x => x.Key, x => x.Events.Select(e => e with { MessageIndex = e.MessageIndex + offset }).ToList());

    private static IEnumerable<GraphMessage[]> Split(GraphMessage[] messages, int[] cuts)
    {
        var start = 0;
        for (var i = 0; start < messages.Length; i++)
        {
            var size = Math.Min(cuts[i % cuts.Length], messages.Length - start);
            yield return messages[start..(start + size)];
            start += size;
        }
    }
}
