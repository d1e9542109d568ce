using Depc.Core.Storage;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    private static readonly string[] SeedServers = ["ns375001.ip-xx-xxx-xx.eu", "ns375002.ip-xx-xxx-xx.eu", "ns375003.ip-xx-xxx-xx.eu"];

    [Fact]
    public async Task Seed_python_example_builds_a_cluster_depending_on_three_servers()
    {
        var team = ScenarioTeams.New();
        var lines = SeedServers.Select(s => $$$"""{"source": {"label": "Cluster", "name": "cluster020.ovh.net"}, "target": {"label": "Server", "name": "{{{s}}}"}}""").ToArray();

        var report = await Driver.IngestAsync(team, lines);

        Assert.Equal((3, 3, 0, 0), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        Assert.Equal(
            [new LabelCount("Cluster", 1), new LabelCount("Server", 3)],
            await Store.GetLabelsAsync(team, None));
        Assert.Equal(3, await Store.CountDependenciesAsync(team, "Cluster", "cluster020.ovh.net", None));
        var deps = await Store.GetNeighboursAsync(team, "Cluster", "cluster020.ovh.net", Direction.Dependencies, None);
        Assert.Equal(SeedServers, deps.Select(d => d.Node.Name).Order(StringComparer.Ordinal));
        Assert.All(deps, d => Assert.Equal([StoreDriver.Now], d.Periods));
    }

    [Fact]
    public async Task Periodic_resend_of_an_active_topology_counts_duplicates_not_rejections()
    {
        var team = ScenarioTeams.New();
        var lines = SeedServers.Select(s => $$$"""{"source": {"label": "Cluster", "name": "c1"}, "target": {"label": "Server", "name": "{{{s}}}"}}""").ToArray();
        await Driver.IngestAsync(team, lines);
        var before = await GraphSnapshot.CaptureAsync(Store, team);

        var again = await Driver.IngestAsync(team, lines);

        Assert.Equal((3, 0, 0, 3), (again.Received, again.Accepted, again.Rejected, again.Duplicates));
        Assert.Equal(before, await GraphSnapshot.CaptureAsync(Store, team));
    }

    [Fact]
    public async Task Nested_and_flat_forms_of_the_seed_example_give_the_same_graph()
    {
        var nested = ScenarioTeams.New("n");
        var flat = ScenarioTeams.New("f");
        await Driver.IngestAsync(nested, """{"source": {"label": "A", "name": "foo", "props": {"from": 1515241242, "to": 1515244850}}, "target": {"label": "B", "name": "bar", "props": {"from": 1533636245, "to": 1533643445}}, "rel": {"from": 1527847440, "to": 1527854640}}""");
        await Driver.IngestAsync(flat, """{"source_label": "A", "source_name": "foo", "source_from": 1515241242, "source_to": 1515244850, "target_label": "B", "target_name": "bar", "target_from": 1533636245, "target_to": 1533643445, "rel_from": 1527847440, "rel_to": 1527854640}""");

        var snapshot = await GraphSnapshot.CaptureAsync(Store, nested);

        Assert.Equal(snapshot, await GraphSnapshot.CaptureAsync(Store, flat));
        Assert.Equal(new GraphNode(0, "A", "foo", 1515241242, 1515244850), (await Store.GetNodeAsync(nested, "A", "foo", None))! with { Id = 0 });
        var rel = Assert.Single(await Store.GetNeighboursAsync(nested, "A", "foo", Direction.Dependencies, None));
        Assert.Equal([1527847440L, 1527854640L], rel.Periods);
    }

    [Fact]
    public async Task Node_bounds_overwrite_only_what_a_message_gives()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, """{"source": {"label": "Server", "name": "s1", "props": {"from": 10, "to": 20}}}""");
        await Driver.IngestAsync(team, """{"source_label": "Server", "source_name": "s1", "source_to": 30}""");
        await Driver.IngestAsync(team, """{"source": {"label": "Server", "name": "s1"}}""");

        Assert.Equal(new GraphNode(0, "Server", "s1", 10, 30), (await Store.GetNodeAsync(team, "Server", "s1", None))! with { Id = 0 });
    }

    [Fact]
    public async Task Invalid_messages_are_rejected_with_their_reason_and_the_rest_applied()
    {
        var team = ScenarioTeams.New();
        var report = await Driver.IngestAsync(
            team,
            """{"source": {"label": "Server", "name": "ok1"}}""",
            """{"source": {"label": "server", "name": "bad"}}""",
            "not json",
            """{"source": {"label": "Server", "name": "ok2"}}""");

        Assert.Equal((4, 2, 2, 0), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        Assert.Equal(["line 2", "line 3"], report.Rejections.Select(r => r.Origin.ToString()));
        Assert.StartsWith("$.source.label", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["ok1", "ok2"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(), None));
    }

    [Fact]
    public async Task A_team_never_sees_or_changes_another_teams_nodes()
    {
        var a = ScenarioTeams.New("a");
        var b = ScenarioTeams.New("b");
        await Driver.IngestAsync(a, """{"source": {"label": "Server", "name": "s1", "props": {"from": 5}}, "target": {"label": "Rack", "name": "r1"}}""");
        var before = await GraphSnapshot.CaptureAsync(Store, a);

        await Driver.IngestAsync(b, """{"source": {"label": "Server", "name": "s1", "props": {"from": 99}}, "target": {"label": "Rack", "name": "r1"}, "rel": {"to": 3}}""");

        Assert.Equal(before, await GraphSnapshot.CaptureAsync(Store, a));
        Assert.Equal(5, (await Store.GetNodeAsync(a, "Server", "s1", None))!.From);
        Assert.Equal(99, (await Store.GetNodeAsync(b, "Server", "s1", None))!.From);
    }

    [Fact]
    public async Task Heartbeat_is_written_and_read_back()
    {
        await Store.WriteHeartbeatAsync(1_700_000_000, None);
        await Store.WriteHeartbeatAsync(1_700_000_005, None);

        Assert.Equal(1_700_000_005, await Store.ReadHeartbeatAsync(None));
    }
}
