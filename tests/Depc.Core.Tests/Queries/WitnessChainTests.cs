using CsCheck;
using Depc.Core.Activity;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Queries;

public sealed class WitnessChainTests
{
    private const long T = 1000;

    [Fact]
    public void Why_gives_the_active_chain_with_each_hops_periods()
    {
        // w -> app -> db (root), all active.
        var db = new GraphNode(1, "Db", "db", null, null);
        var app = new GraphNode(2, "App", "app", 5, null);
        var w = new GraphNode(3, "Website", "w", null, null);
        var graph = new ImpactSubgraph(db, [app, w], [new DependencyEdge(2, 1, [10]), new DependencyEdge(3, 2, [10, 20, 30])]);

        var why = ImpactAnalysis.Why(graph, "Website", "w", T)!;

        Assert.True(why.Active);
        Assert.Equal([new ChainNode("Website", "w"), new ChainNode("App", "app"), new ChainNode("Db", "db")], why.Path);
        Assert.Equal([[10, 20, 30], [10]], why.Relationships.Select(r => r.Periods.ToArray()));
        Assert.All(why.Relationships, r => Assert.False(r.Inactive));
    }

    [Fact]
    public void Why_is_null_for_a_node_outside_the_subgraph_and_for_the_root_itself()
    {
        var db = new GraphNode(1, "Db", "db", null, null);
        var graph = new ImpactSubgraph(db, [new GraphNode(2, "App", "a", null, null)], [new DependencyEdge(2, 1, [])]);

        Assert.Null(ImpactAnalysis.Why(graph, "App", "other", T));
        Assert.Null(ImpactAnalysis.Why(graph, "Db", "db", T));
        Assert.Null(ImpactAnalysis.Why(graph, "Website", "a", T));
    }

    [Fact]
    public void An_inactive_root_makes_every_chain_inactive_and_flags_it()
    {
        var db = new GraphNode(1, "Db", "db", T + 1, null);
        var graph = new ImpactSubgraph(db, [new GraphNode(2, "App", "a", null, null)], [new DependencyEdge(2, 1, [])]);

        var why = ImpactAnalysis.Why(graph, "App", "a", T)!;

        Assert.False(why.Active);
        Assert.Equal([new ChainNode("App", "a"), new ChainNode("Db", "db", Inactive: true)], why.Path);
    }

    [Fact]
    public void Parallel_relationships_of_a_legacy_graph_give_the_active_one_on_an_inactive_chain()
    {
        // a -> b twice (one closed, one open); b -> root closed: inactive, but its first hop is shown as active.
        var root = new GraphNode(1, "Db", "root", null, null);
        var b = new GraphNode(2, "App", "b", null, null);
        var a = new GraphNode(3, "App", "a", null, null);
        var graph = new ImpactSubgraph(root, [b, a], [new DependencyEdge(3, 2, [0, 5]), new DependencyEdge(3, 2, [6]), new DependencyEdge(2, 1, [0, 5])]);

        var why = ImpactAnalysis.Why(graph, "App", "a", T)!;

        Assert.False(why.Active);
        Assert.Equal([(false, "6"), (true, "0,5")], why.Relationships.Select(r => (r.Inactive, string.Join(',', r.Periods))));
    }

    /// <summary>
    /// For random graphs and moments, every chain is a real chain of DEPENDS_ON to the root with the stated activity,
    /// none shorter exists (among active chains for an active node, among all for an inactive one), and among those of
    /// its length it has the least (label, name) sequence: checked against every simple path, enumerated by brute force.
    /// </summary>
    [Fact]
    public void Chains_are_real_shortest_and_least_among_every_path()
    {
        var node = Gen.Select(Gen.Int[0, 2], Gen.Long[0, 20].Nullable(0.6), Gen.Long[0, 20].Nullable(0.6));
        var edge = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Gen.Long[0, 20].Array[0, 3]);
        Gen.Select(node.Array[2, 7], edge.Array[1, 16], Gen.Long[0, 20]).Sample((nodes, edges, t) =>
        {
            var graph = Reachable(nodes, edges);
            if (graph is null)
            {
                return true;
            }

            var listed = ImpactAnalysis.Compute(graph.Value.Subgraph, "A", t, withPaths: true)
                .Concat(ImpactAnalysis.Compute(graph.Value.Subgraph, "B", t, withPaths: true))
                .Concat(ImpactAnalysis.Compute(graph.Value.Subgraph, "C", t, withPaths: true))
                .ToDictionary(n => n.Name);
            foreach (var (name, id) in graph.Value.Ids)
            {
                if (id == 0)
                {
                    continue;
                }

                var why = ImpactAnalysis.Why(graph.Value.Subgraph, graph.Value.Labels[id], name, t)!;
                var (expectedActive, expected) = BruteForce(graph.Value, id, t);
                if (why.Active != expectedActive || !why.Path.SequenceEqual(expected.Path) || !Same(why.Relationships, expected.Links)
                    || listed[name].Active != expectedActive || !listed[name].Path!.SequenceEqual(expected.Path))
                {
                    return false;
                }
            }

            return true;
        });
    }

    private sealed record Expected(List<ChainNode> Path, List<ChainLink> Links);

    private readonly record struct Graph(ImpactSubgraph Subgraph, Dictionary<string, int> Ids, string[] Labels, (long? From, long? To)[] Bounds, List<(int From, int To, long[] Periods)> Edges);

    /// <summary>Node 0 is the root; the nodes that reach it, and the relationships among them (one per pair).</summary>
    private static Graph? Reachable((int Label, long? From, long? To)[] nodes, (int From, int To, long[] Periods)[] raw)
    {
        var n = nodes.Length;
        var edges = raw.Where(e => e.From < n && e.To < n)
            .Select(e => (e.From, e.To, Periods: Increasing(e.Periods)))
            .DistinctBy(e => (e.From, e.To)).ToList();
        var reached = new HashSet<int> { 0 };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var e in edges.Where(e => reached.Contains(e.To)))
            {
                changed |= reached.Add(e.From);
            }
        }

        if (reached.Count < 2)
        {
            return null;
        }

        var labels = nodes.Select(x => ((char)('A' + x.Label)).ToString()).ToArray();
        var records = Enumerable.Range(0, n).Where(reached.Contains).Select(i => new GraphNode(i + 100, labels[i], $"n{i}", nodes[i].From, nodes[i].To)).ToList();
        var kept = edges.Where(e => reached.Contains(e.From) && reached.Contains(e.To)).ToList();
        var subgraph = new ImpactSubgraph(records[0], records, kept.Select(e => new DependencyEdge(e.From + 100, e.To + 100, e.Periods)));
        return new Graph(subgraph, reached.ToDictionary(i => $"n{i}"), labels, [.. nodes.Select(x => (x.From, x.To))], kept);
    }

    private static long[] Increasing(long[] values) => [.. values.Distinct().Order()];

    /// <summary>Every simple path from <paramref name="start"/> to the root; the least by (length, (label, name)…), active ones first when there are.</summary>
    private static (bool Active, Expected Chain) BruteForce(Graph g, int start, long t)
    {
        var paths = new List<List<int>>();
        void Walk(List<int> path)
        {
            var at = path[^1];
            if (at == 0)
            {
                paths.Add([.. path]);
                return;
            }

            foreach (var e in g.Edges.Where(e => e.From == at && !path.Contains(e.To)))
            {
                path.Add(e.To);
                Walk(path);
                path.RemoveAt(path.Count - 1);
            }
        }

        Walk([start]);
        bool NodeActive(int i) => ActivityRules.NodeActiveAt(g.Bounds[i].From, g.Bounds[i].To, t);
        long[] Periods(int a, int b) => g.Edges.First(e => e.From == a && e.To == b).Periods;
        var active = paths.Where(p => p.All(NodeActive) && p.Zip(p.Skip(1)).All(h => ActivityRules.RelationshipActiveAt(Periods(h.First, h.Second), t))).ToList();
        var best = (active.Count > 0 ? active : paths)
            .OrderBy(p => p.Count)
            .ThenBy(p => string.Join("\u0001", p.Select(i => g.Labels[i] + "\u0000" + $"n{i}")), StringComparer.Ordinal)
            .First();
        return (active.Count > 0, new Expected(
            [.. best.Select(i => new ChainNode(g.Labels[i], $"n{i}", !NodeActive(i)))],
            [.. best.Zip(best.Skip(1)).Select(h => new ChainLink(Periods(h.First, h.Second), !ActivityRules.RelationshipActiveAt(Periods(h.First, h.Second), t)))]));
    }

    private static bool Same(IReadOnlyList<ChainLink> a, List<ChainLink> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.Inactive == x.Second.Inactive && x.First.Periods.SequenceEqual(x.Second.Periods));
}
