using Depc.Core.Naming;
using Depc.Core.Queries;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Diff_across_a_boundary_at_the_exact_second_uses_inclusive_bounds()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            Link("App", "p", "Root", "r", """{"from": 100, "to": 200}"""),
            """{"source": {"label": "Host", "name": "n", "props": {"from": 100, "to": 200}}}""",
            """{"source": {"label": "Host", "name": "m"}}""");
        var both = Side(Nodes(("Host", "n")), Links((("App", "p"), ("Root", "r"))));

        Assert.Equal((both, Nothing), await DiffAsync(team, new DiffQuery(99, 100)));
        Assert.Equal((Nothing, Nothing), await DiffAsync(team, new DiffQuery(100, 200)));
        Assert.Equal((Nothing, Nothing), await DiffAsync(team, new DiffQuery(199, 200)));
        Assert.Equal((Nothing, both), await DiffAsync(team, new DiffQuery(200, 201)));
        Assert.Equal((Nothing, Nothing), await DiffAsync(team, new DiffQuery(99, 201)));
        Assert.Equal((Nothing, both), await DiffAsync(team, new DiffQuery(150, 250)));
        Assert.Equal((both, Nothing), await DiffAsync(team, new DiffQuery(0, 150)));
    }

    [Fact]
    public async Task Diff_follows_a_relationship_reopened_several_times()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, [.. ReopenedEvents.Select(e => Link("App", "p", "Root", "r", e))]);
        var link = Side([], Links((("App", "p"), ("Root", "r"))));

        Assert.Equal((Nothing, link), await DiffAsync(team, new DiffQuery(20, 21)));
        Assert.Equal((link, Nothing), await DiffAsync(team, new DiffQuery(29, 30)));
        Assert.Equal((link, Nothing), await DiffAsync(team, new DiffQuery(25, 35)));
        Assert.Equal((Nothing, link), await DiffAsync(team, new DiffQuery(15, 45)));
        Assert.Equal((Nothing, Nothing), await DiffAsync(team, new DiffQuery(10, 50)));
        Assert.Equal((link, Nothing), await DiffAsync(team, new DiffQuery(45, 1_000_000_000)));
    }

    [Fact]
    public async Task Diff_reads_overwritten_bounds_and_deleted_nodes_as_they_are_now()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            """{"source": {"label": "Host", "name": "n", "props": {"from": 100, "to": 200}}}""",
            """{"source": {"label": "Host", "name": "gone", "props": {"from": 100, "to": 200}}}""",
            Link("App", "gone", "Host", "n", """{"from": 100, "to": 200}"""));
        await Driver.IngestAsync(team, """{"source": {"label": "Host", "name": "n", "props": {"to": 300}}}""");
        Assert.Equal(Core.Storage.DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "Host", "gone", detach: false, None));
        Assert.Equal(Core.Storage.DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "App", "gone", detach: true, None));

        Assert.Equal((Nothing, Nothing), await DiffAsync(team, new DiffQuery(200, 201)));
        Assert.Equal((Nothing, Side(Nodes(("Host", "n")), [])), await DiffAsync(team, new DiffQuery(300, 301)));
        Assert.Equal((Side(Nodes(("Host", "n")), []), Nothing), await DiffAsync(team, new DiffQuery(50, 250)));
    }

    [Fact]
    public async Task Diff_of_a_label_or_of_a_node_keeps_their_part_sorted_and_paged()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            Link("Website", "w2", "Server", "s1", """{"from": 100}"""),
            Link("Website", "w1", "Server", "s1", """{"from": 100}"""),
            Link("Website", "w1", "Server", "s2", """{"from": 100}"""),
            Link("Server", "s1", "Rack", "r1", """{"from": 100}"""),
            Link("Server", "s2", "Rack", "r1", """{"from": 100}"""),
            """{"source": {"label": "Server", "name": "s3", "props": {"from": 100}}}""",
            """{"source": {"label": "Server", "name": "s1", "props": {"from": 100}}}""",
            """{"source": {"label": "Website", "name": "w1", "props": {"from": 100}}}""");
        var (w1, w2, s1, s2, r1) = (("Website", "w1"), ("Website", "w2"), ("Server", "s1"), ("Server", "s2"), ("Rack", "r1"));

        var (all, _) = await DiffAsync(team, new DiffQuery(50, 150));
        Assert.Equal(Side(Nodes(s1, ("Server", "s3"), w1), Links((s1, r1), (s2, r1), (w1, s1), (w1, s2), (w2, s1))), all);

        var (servers, _) = await DiffAsync(team, new DiffQuery(50, 150, Label: "Server"));
        Assert.Equal(Side(Nodes(s1, ("Server", "s3")), Links((s1, r1), (s2, r1), (w1, s1), (w1, s2), (w2, s1))), servers);
        var (racks, _) = await DiffAsync(team, new DiffQuery(50, 150, Label: "Rack"));
        Assert.Equal(Side([], Links((s1, r1), (s2, r1))), racks);

        var (around, _) = await DiffAsync(team, new DiffQuery(50, 150, Label: "Server", Node: "s1"));
        Assert.Equal(Side(Nodes(s1, w1), Links((s1, r1), (w1, s1), (w2, s1))), around);

        var (page, _) = await DiffAsync(team, new DiffQuery(50, 150, Skip: 1, Limit: 2));
        Assert.Equal(Side(Nodes(("Server", "s3"), w1), Links((s2, r1), (w1, s1))), page);

        var missing = await TimeTravelQueries.DiffAsync(Store, team, new DiffQuery(50, 150, Label: "Server", Node: "nope"), None);
        Assert.Equal($"node Server 'nope' not found in team {team}", missing.NotFound);
    }

    [Fact]
    public async Task History_lists_both_directions_sorted_with_every_period_and_the_nodes_bounds()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(
            team,
            [
                .. ReopenedEvents.Select(e => Link("Server", "s", "Rack", "r", e)),
                Link("Website", "w", "Server", "s", """{"from": 5, "to": 6}"""),
                Link("App", "a", "Server", "s", """{"from": 7}"""),
                Link("Server", "s", "Power", "p", """{"from": 8}"""),
                """{"source": {"label": "Server", "name": "s", "props": {"from": 3, "to": 900}}}""",
            ]);

        var history = (await TimeTravelQueries.HistoryAsync(Store, team, new NodeKey("Server", "s"), None)).Answer!;

        Assert.Equal(new HistoryNode("Server", "s", 3, 900), history.Node);
        Assert.Equal(
            [("in", "App", "a", "7"), ("in", "Website", "w", "5,6"), ("out", "Power", "p", "8"), ("out", "Rack", "r", "10,20,30,40,50")],
            history.Relationships.Select(r => (r.Direction, r.Label, r.Name, string.Join(',', r.Periods))));
        Assert.Equal(
            $"node Server 'nope' not found in team {team}",
            (await TimeTravelQueries.HistoryAsync(Store, team, new NodeKey("Server", "nope"), None)).NotFound);
    }

    private static readonly string Nothing = Side([], []);

    private async Task<(string Appeared, string Disappeared)> DiffAsync(TeamName team, DiffQuery query)
    {
        var answer = (await TimeTravelQueries.DiffAsync(Store, team, query, None)).Answer!;
        return (Side(answer.Appeared), Side(answer.Disappeared));
    }

    private static string Side(DiffSide side) =>
        Side([.. side.Nodes.Select(n => (n.Label, n.Name))], [.. side.Relationships.Select(r => ((r.Source.Label, r.Source.Name), (r.Target.Label, r.Target.Name)))]);

    private static string Side((string Label, string Name)[] nodes, ((string Label, string Name) Source, (string Label, string Name) Target)[] links) =>
        $"nodes [{string.Join(", ", nodes.Select(n => $"{n.Label}:{n.Name}"))}] links [{string.Join(", ", links.Select(l => $"{l.Source.Label}:{l.Source.Name}->{l.Target.Label}:{l.Target.Name}"))}]";

    private static (string, string)[] Nodes(params (string, string)[] nodes) => nodes;

    private static ((string, string), (string, string))[] Links(params ((string, string), (string, string))[] links) => links;
}
