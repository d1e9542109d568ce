using Depc.Core.Naming;
using Depc.Core.Queries;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    /// <summary>30 layers of 10, every node depending on every node of the next layer: one chain per node, the least one.</summary>
    [Fact]
    public async Task Why_on_a_diamond_graph_gives_each_node_its_least_shortest_chain()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestInBatchesAsync(team, ScenarioGraphs.Diamond(), 1000);
        var graph = (await Store.GetImpactSubgraphAsync(team, "L29", "n0", None))!;

        var top = ImpactAnalysis.Compute(graph, "L0", 5, withPaths: true);

        Assert.Equal(10, top.Count);
        foreach (var node in top)
        {
            ChainNode[] expected = [new("L0", node.Name), .. Enumerable.Range(1, 29).Select(layer => new ChainNode($"L{layer}", "n0"))];
            Assert.Equal(expected, node.Path);
        }

        var why = await WhyAsync(team, ("L29", "n0"), ("L15", "n7"), 5);
        Assert.True(why.Active);
        Assert.Equal([new ChainNode("L15", "n7"), .. Enumerable.Range(16, 14).Select(layer => new ChainNode($"L{layer}", "n0"))], why.Path);
        Assert.All(why.Relationships, r =>
        {
            Assert.Equal([1L], r.Periods);
            Assert.False(r.Inactive);
        });
        Assert.Equal(why.Path.Count - 1, why.Relationships.Count);
    }

    [Fact]
    public async Task Why_breaks_ties_by_label_then_name_from_the_impacted_node_and_prefers_shorter_chains()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            Link("App", "x", "Svc", "a"),
            Link("App", "x", "Cache", "z"),
            Link("Svc", "a", "Host", "w"),
            Link("Cache", "z", "Host", "w"),
            Link("Host", "w", "Root", "r"),
            Link("App", "y", "Svc", "m"),
            Link("Svc", "m", "Host", "z"),
            Link("Svc", "m", "Host", "y"),
            Link("Host", "z", "Root", "r"),
            Link("Host", "y", "Root", "r"),
            Link("App", "s", "Aaa", "a"),
            Link("Aaa", "a", "Host", "q"),
            Link("Host", "q", "Host", "p"),
            Link("Host", "p", "Root", "r"),
            Link("App", "s", "Zzz", "z"),
            Link("Zzz", "z", "Root", "r"));

        Assert.Equal(Chain(("App", "x"), ("Cache", "z"), ("Host", "w"), ("Root", "r")), (await WhyAsync(team, ("Root", "r"), ("App", "x"), 5)).Path);
        Assert.Equal(Chain(("App", "y"), ("Svc", "m"), ("Host", "y"), ("Root", "r")), (await WhyAsync(team, ("Root", "r"), ("App", "y"), 5)).Path);
        Assert.Equal(Chain(("App", "s"), ("Zzz", "z"), ("Root", "r")), (await WhyAsync(team, ("Root", "r"), ("App", "s"), 5)).Path);
        var graph = (await Store.GetImpactSubgraphAsync(team, "Root", "r", None))!;
        Assert.Equal(
            [Chain(("App", "s"), ("Zzz", "z"), ("Root", "r")), Chain(("App", "x"), ("Cache", "z"), ("Host", "w"), ("Root", "r")), Chain(("App", "y"), ("Svc", "m"), ("Host", "y"), ("Root", "r"))],
            ImpactAnalysis.Compute(graph, "App", 5, withPaths: true).Select(n => n.Path!.ToArray()));
    }

    [Fact]
    public async Task Why_takes_the_shortest_active_chain_and_else_flags_what_is_inactive_on_the_shortest()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            Link("App", "y", "Mid", "short", """{"from": 10, "to": 20}"""),
            Link("Mid", "short", "Root", "r", """{"from": 10}"""),
            Link("App", "y", "Mid", "long1", """{"from": 10}"""),
            Link("Mid", "long1", "Mid", "long2", """{"from": 10}"""),
            Link("Mid", "long2", "Root", "r", """{"from": 10}"""),
            Link("App", "z", "Mid", "short", """{"from": 10, "to": 20}"""),
            """{"source": {"label": "App", "name": "w", "props": {"to": 25}}, "target": {"label": "Root", "name": "r"}, "rel": {"from": 10}}""");

        var at30 = await WhyAsync(team, ("Root", "r"), ("App", "y"), 30);
        Assert.True(at30.Active);
        Assert.Equal(Chain(("App", "y"), ("Mid", "long1"), ("Mid", "long2"), ("Root", "r")), at30.Path);
        var at15 = await WhyAsync(team, ("Root", "r"), ("App", "y"), 15);
        Assert.Equal(Chain(("App", "y"), ("Mid", "short"), ("Root", "r")), at15.Path);

        var z = await WhyAsync(team, ("Root", "r"), ("App", "z"), 30);
        Assert.False(z.Active);
        Assert.Equal(Chain(("App", "z"), ("Mid", "short"), ("Root", "r")), z.Path);
        Assert.Equal([true, false], z.Relationships.Select(r => r.Inactive));
        Assert.Equal([10L, 20L], z.Relationships[0].Periods);

        var w = await WhyAsync(team, ("Root", "r"), ("App", "w"), 30);
        Assert.False(w.Active);
        Assert.Equal([new ChainNode("App", "w", Inactive: true), new ChainNode("Root", "r")], w.Path);
        Assert.False(Assert.Single(w.Relationships).Inactive);
        Assert.True((await WhyAsync(team, ("Root", "r"), ("App", "w"), 25)).Active);
    }

    [Fact]
    public async Task Why_follows_a_relationship_reopened_several_times_with_inclusive_bounds()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, [.. ReopenedEvents.Select(e => Link("App", "p", "Root", "r", e))]);

        foreach (var (ts, active) in new[] { (9L, false), (10L, true), (20L, true), (25L, false), (30L, true), (41L, false), (50L, true), (99L, true) })
        {
            var why = await WhyAsync(team, ("Root", "r"), ("App", "p"), ts);
            Assert.Equal(active, why.Active);
            var link = Assert.Single(why.Relationships);
            Assert.Equal(!active, link.Inactive);
            Assert.Equal(Reopened, link.Periods);
        }
    }

    [Fact]
    public async Task Why_tells_an_absent_node_from_one_that_is_not_impacted()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, Link("App", "a", "Root", "r"), """{"source": {"label": "App", "name": "alone"}}""");

        var absentRoot = await TimeTravelQueries.WhyAsync(Store, team, new NodeKey("Root", "nope"), new NodeKey("App", "a"), 5, None);
        var absent = await TimeTravelQueries.WhyAsync(Store, team, new NodeKey("Root", "r"), new NodeKey("App", "nope"), 5, None);
        var alone = await TimeTravelQueries.WhyAsync(Store, team, new NodeKey("Root", "r"), new NodeKey("App", "alone"), 5, None);
        var itself = await TimeTravelQueries.WhyAsync(Store, team, new NodeKey("Root", "r"), new NodeKey("Root", "r"), 5, None);

        Assert.Equal($"node Root 'nope' not found in team {team}", absentRoot.NotFound);
        Assert.Equal($"node App 'nope' not found in team {team}", absent.NotFound);
        Assert.Contains("is not impacted by Root 'r'", alone.NotFound, StringComparison.Ordinal);
        Assert.Contains("is not impacted", itself.NotFound, StringComparison.Ordinal);
        Assert.All([absentRoot, absent, alone, itself], l => Assert.Null(l.Answer));
    }

    /// <summary>From 10 to 20, from 30 to 40, from 50 on.</summary>
    private static readonly string[] ReopenedEvents = ["""{"from": 10}""", """{"to": 20}""", """{"from": 30}""", """{"to": 40}""", """{"from": 50}"""];

    private static readonly long[] Reopened = [10, 20, 30, 40, 50];

    private async Task<WhyAnswer> WhyAsync(TeamName team, (string Label, string Name) failing, (string Label, string Name) impacted, long ts)
    {
        var lookup = await TimeTravelQueries.WhyAsync(Store, team, new NodeKey(failing.Label, failing.Name), new NodeKey(impacted.Label, impacted.Name), ts, None);
        return lookup.Answer ?? throw new Xunit.Sdk.XunitException(lookup.NotFound);
    }

    private static ChainNode[] Chain(params (string Label, string Name)[] nodes) => [.. nodes.Select(n => new ChainNode(n.Label, n.Name))];

    private static string Link(string sourceLabel, string source, string targetLabel, string target, string rel = """{"from": 1}""") =>
        $$$"""{"source": {"label": "{{{sourceLabel}}}", "name": "{{{source}}}"}, "target": {"label": "{{{targetLabel}}}", "name": "{{{target}}}"}, "rel": {{{rel}}}}""";
}
