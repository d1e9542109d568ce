using System.Diagnostics;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Queries;

public sealed class ImpactAnalysisTests
{
    private const long T = 1000;

    // Diamond: website A depends on servers B and C, which both depend on the root D.
    private static readonly GraphNode D = new(1, "Server", "d", null, null);
    private static readonly GraphNode B = new(2, "Server", "b", null, null);
    private static readonly GraphNode C = new(3, "Server", "c", null, null);
    private static readonly GraphNode A = new(4, "Website", "a", null, null);

    [Fact]
    public void Compute_finds_every_dependent_of_a_label_in_a_diamond_active_when_all_is_active()
    {
        var graph = Diamond(bd: [], cd: []);

        Assert.Equal([new ImpactedNode("a", null, null, true)], ImpactAnalysis.Compute(graph, "Website", T));
        Assert.Equal([new ImpactedNode("b", null, null, true), new ImpactedNode("c", null, null, true)], ImpactAnalysis.Compute(graph, "Server", T));
    }

    [Fact]
    public void Compute_keeps_a_node_active_when_one_path_of_the_diamond_is_still_active()
    {
        var graph = Diamond(bd: [0, T - 1], cd: [0]);

        Assert.True(Assert.Single(ImpactAnalysis.Compute(graph, "Website", T)).Active);
        Assert.Equal([false, true], ImpactAnalysis.Compute(graph, "Server", T).Select(n => n.Active));
    }

    [Fact]
    public void Compute_lists_a_node_as_inactive_when_every_path_has_an_inactive_link()
    {
        var graph = Diamond(bd: [0, T - 1], cd: [T + 1]);

        Assert.Equal([new ImpactedNode("a", null, null, false)], ImpactAnalysis.Compute(graph, "Website", T));
    }

    [Fact]
    public void Compute_makes_a_path_inactive_when_a_node_on_it_is_inactive()
    {
        GraphNode[] nodes = [D, B with { To = T - 1 }, C with { From = T + 1 }, A];
        var graph = new ImpactSubgraph(D, nodes, DiamondEdges([], []));

        Assert.False(Assert.Single(ImpactAnalysis.Compute(graph, "Website", T)).Active);
    }

    [Fact]
    public void Compute_makes_everything_inactive_when_the_failed_node_itself_is_inactive()
    {
        var root = D with { From = T + 1 };
        var graph = new ImpactSubgraph(root, [root, B, C, A], DiamondEdges([], []));

        Assert.All(ImpactAnalysis.Compute(graph, "Server", T).Concat(ImpactAnalysis.Compute(graph, "Website", T)), n => Assert.False(n.Active));
        Assert.Equal(3, ImpactAnalysis.Compute(graph, "Server", T).Count + ImpactAnalysis.Compute(graph, "Website", T).Count);
    }

    [Fact]
    public void Compute_uses_inclusive_bounds_for_nodes_and_relationships_at_the_instant()
    {
        GraphNode[] nodes = [D with { To = T }, B with { From = T }, C, A with { From = T, To = T }];
        var graph = new ImpactSubgraph(nodes[0], nodes, DiamondEdges(bd: [T - 5, T], cd: [T + 1]));

        Assert.True(Assert.Single(ImpactAnalysis.Compute(graph, "Website", T)).Active);
        Assert.False(Assert.Single(ImpactAnalysis.Compute(graph, "Website", T + 1)).Active);
    }

    [Fact]
    public void Compute_marks_everything_upstream_of_an_inactive_link_in_a_chain_as_inactive()
    {
        // x (Website) -> y (Server) -> z (Server, root); the y -> z link ended before T.
        var z = new GraphNode(1, "Server", "z", null, null);
        var y = new GraphNode(2, "Server", "y", 5, null);
        var x = new GraphNode(3, "Website", "x", null, 5000);
        var graph = new ImpactSubgraph(z, [z, y, x], [new DependencyEdge(2, 1, [0, T - 1]), new DependencyEdge(3, 2, [])]);

        Assert.Equal([new ImpactedNode("y", 5, null, false)], ImpactAnalysis.Compute(graph, "Server", T));
        Assert.Equal([new ImpactedNode("x", null, 5000, false)], ImpactAnalysis.Compute(graph, "Website", T));
        Assert.Equal([true], ImpactAnalysis.Compute(graph, "Website", T - 1).Select(n => n.Active));
    }

    [Fact]
    public void Compute_sorts_by_name_ordinally_and_filters_by_exact_label()
    {
        var root = new GraphNode(1, "Server", "root", null, null);
        GraphNode[] nodes = [root, new(2, "Website", "b", null, null), new(3, "Website", "B", null, null), new(4, "Website", "a", null, null), new(5, "website", "c", null, null)];
        var graph = new ImpactSubgraph(root, nodes, [.. nodes.Skip(1).Select(n => new DependencyEdge(n.Id, 1, []))]);

        Assert.Equal(["B", "a", "b"], ImpactAnalysis.Compute(graph, "Website", T).Select(n => n.Name));
        Assert.Empty(ImpactAnalysis.Compute(graph, "Cluster", T));
    }

    [Fact]
    public void Compute_never_lists_the_failed_node_itself_even_in_a_cycle()
    {
        var root = new GraphNode(1, "Server", "root", null, null);
        var other = new GraphNode(2, "Server", "other", null, null);
        var graph = new ImpactSubgraph(root, [root, other], [new DependencyEdge(2, 1, []), new DependencyEdge(1, 2, []), new DependencyEdge(1, 1, [])]);

        Assert.Equal([new ImpactedNode("other", null, null, true)], ImpactAnalysis.Compute(graph, "Server", T));
    }

    [Fact]
    public void Compute_answers_a_30_layer_diamond_quickly_because_it_never_enumerates_paths()
    {
        // 30 layers of 10 nodes, each depending on every node of the next layer; layer 29 depends
        // on the root: 10^30 paths, 2,910 edges.
        const int layers = 30, width = 10;
        var root = new GraphNode(0, "Server", "root", null, null);
        var nodes = new List<GraphNode> { root };
        var edges = new List<DependencyEdge>();
        long Id(int layer, int i) => 1 + (layer * width) + i;
        for (var layer = 0; layer < layers; layer++)
        {
            for (var i = 0; i < width; i++)
            {
                var label = layer == 0 ? "Website" : "Server";
                nodes.Add(new GraphNode(Id(layer, i), label, $"n{layer:D2}-{i}", null, null));
                if (layer == layers - 1)
                {
                    edges.Add(new DependencyEdge(Id(layer, i), root.Id, []));
                    continue;
                }

                for (var j = 0; j < width; j++)
                {
                    // One link per layer pair is over at T: other paths keep everything active.
                    edges.Add(new DependencyEdge(Id(layer, i), Id(layer + 1, j), i == 0 && j == 0 ? [0, T - 1] : []));
                }
            }
        }

        var graph = new ImpactSubgraph(root, nodes, edges);
        var watch = Stopwatch.StartNew();
        var websites = ImpactAnalysis.Compute(graph, "Website", T);
        var servers = ImpactAnalysis.Compute(graph, "Server", T);
        watch.Stop();

        Assert.Equal(width, websites.Count);
        Assert.Equal((layers - 1) * width, servers.Count);
        Assert.All(websites.Concat(servers), n => Assert.True(n.Active));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Compute_in_the_big_diamond_turns_inactive_when_a_whole_layer_link_set_is_over()
    {
        const int layers = 30, width = 10;
        var root = new GraphNode(0, "Server", "root", null, null);
        var nodes = new List<GraphNode> { root };
        var edges = new List<DependencyEdge>();
        long Id(int layer, int i) => 1 + (layer * width) + i;
        for (var layer = 0; layer < layers; layer++)
        {
            for (var i = 0; i < width; i++)
            {
                nodes.Add(new GraphNode(Id(layer, i), layer == 0 ? "Website" : "Server", $"n{layer:D2}-{i}", null, null));
                for (var j = 0; layer < layers - 1 && j < width; j++)
                {
                    // Every link from layer 14 to layer 15 is closed at T.
                    edges.Add(new DependencyEdge(Id(layer, i), Id(layer + 1, j), layer == 14 ? [0, T - 1] : []));
                }
            }
        }

        for (var i = 0; i < width; i++)
        {
            edges.Add(new DependencyEdge(Id(layers - 1, i), root.Id, []));
        }

        var servers = ImpactAnalysis.Compute(new ImpactSubgraph(root, nodes, edges), "Server", T);

        Assert.Equal((layers - 1) * width, servers.Count);
        Assert.All(servers, n => Assert.Equal(string.CompareOrdinal(n.Name, "n15") > 0, n.Active));
        Assert.All(ImpactAnalysis.Compute(new ImpactSubgraph(root, nodes, edges), "Website", T), n => Assert.False(n.Active));
    }

    private static ImpactSubgraph Diamond(long[] bd, long[] cd) => new(D, [D, B, C, A], DiamondEdges(bd, cd));

    private static DependencyEdge[] DiamondEdges(long[] bd, long[] cd) =>
        [new(B.Id, D.Id, bd), new(C.Id, D.Id, cd), new(A.Id, B.Id, []), new(A.Id, C.Id, [])];
}
