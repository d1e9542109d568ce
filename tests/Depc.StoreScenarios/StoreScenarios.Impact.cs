using Depc.Core.Queries;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Impacted_nodes_are_active_only_through_a_wholly_active_path()
    {
        var team = ScenarioTeams.New();
        // w1 -> app -> db (active links); w2 -> db only through a link closed at 50; w3 -> app, w3 itself ends at 40.
        await Driver.IngestAsync(
            team,
            """{"source": {"label": "App", "name": "app"}, "target": {"label": "Db", "name": "db"}, "rel": {"from": 10}}""",
            """{"source": {"label": "Website", "name": "w1"}, "target": {"label": "App", "name": "app"}, "rel": {"from": 10}}""",
            """{"source": {"label": "Website", "name": "w2"}, "target": {"label": "Db", "name": "db"}, "rel": {"from": 10, "to": 50}}""",
            """{"source": {"label": "Website", "name": "w3", "props": {"to": 40}}, "target": {"label": "App", "name": "app"}, "rel": {"from": 10}}""");

        var graph = (await Store.GetImpactSubgraphAsync(team, "Db", "db", None))!;

        Assert.Equal(
            [new ImpactedNode("w1", null, null, true), new ImpactedNode("w2", null, null, false), new ImpactedNode("w3", null, 40, false)],
            ImpactAnalysis.Compute(graph, "Website", 60));
        Assert.Equal(
            [new ImpactedNode("w1", null, null, true), new ImpactedNode("w2", null, null, true), new ImpactedNode("w3", null, 40, true)],
            ImpactAnalysis.Compute(graph, "Website", 30));
        Assert.Equal([new ImpactedNode("app", null, null, true)], ImpactAnalysis.Compute(graph, "App", 60));
    }

    /// <summary>30 layers of 10, each node depending on every node of the next layer: 10^29 paths, 300 nodes.</summary>
    [Fact]
    public async Task Impacted_on_a_diamond_graph_walks_the_subgraph_not_the_paths()
    {
        var team = ScenarioTeams.New();
        var lines = ScenarioGraphs.Diamond();
        await Driver.IngestInBatchesAsync(team, lines, 1000);

        var graph = (await Store.GetImpactSubgraphAsync(team, "L29", "n0", None))!;
        Assert.Equal(290, graph.Nodes.Count);
        Assert.Equal(2810, graph.Edges.Count);
        var top = ImpactAnalysis.Compute(graph, "L0", 5);
        Assert.Equal(10, top.Count);
        Assert.All(top, n => Assert.True(n.Active));
    }
}
