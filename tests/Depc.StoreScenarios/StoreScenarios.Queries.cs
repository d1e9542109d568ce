using Depc.Core.Activity;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    [Fact]
    public async Task Node_lists_are_sorted_filtered_by_case_sensitive_substring_and_limited()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, [.. new[] { "web-2", "db-1", "Web-3", "web-1", "cache" }.Select(n => $$$"""{"source": {"label": "Server", "name": "{{{n}}}"}}""")]);

        Assert.Equal(["Web-3", "cache", "db-1", "web-1", "web-2"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(), None));
        Assert.Equal(["web-1", "web-2"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery("web"), None));
        Assert.Equal(["Web-3", "cache"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: 2), None));
        var random = await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: 3, Random: true), None);
        Assert.Equal(3, random.Distinct().Count());
        Assert.Empty(await Store.GetNodeNamesAsync(team, "Rack", new NodeListQuery(), None));
    }

    [Fact]
    public async Task Absent_nodes_are_null_and_have_no_dependencies()
    {
        var team = ScenarioTeams.New();

        Assert.Null(await Store.GetNodeAsync(team, "Server", "nope", None));
        Assert.Equal(0, await Store.CountDependenciesAsync(team, "Server", "nope", None));
        Assert.Null(await Store.GetImpactSubgraphAsync(team, "Server", "nope", None));
        Assert.Empty(await Store.GetLabelsAsync(team, None));
    }

    [Fact]
    public async Task Dependencies_on_a_day_leave_out_inactive_links_unless_asked_and_reverse_on_request()
    {
        var team = ScenarioTeams.New();
        var day = new UtcDay(new DateOnly(2024, 3, 10));
        await Driver.IngestAsync(
            team,
            $$$"""{"source": {"label": "Website", "name": "shop"}, "target": {"label": "Server", "name": "s-old"}, "rel": {"from": 1000, "to": {{{day.Start - 1}}}}}""",
            $$$"""{"source": {"label": "Website", "name": "shop"}, "target": {"label": "Server", "name": "s-edge"}, "rel": {"from": {{{day.End}}}}}""",
            $$$"""{"source": {"label": "Website", "name": "shop"}, "target": {"label": "Cluster", "name": "c1"}, "rel": {"from": 1000, "to": {{{day.Start}}}}}""");
        var shop = (await Store.GetNodeAsync(team, "Website", "shop", None))!;
        var deps = await Store.GetNeighboursAsync(team, "Website", "shop", Direction.Dependencies, None);

        var active = DependencyQuery.Build(shop, deps, Direction.Dependencies, day, includeInactive: false);
        var all = DependencyQuery.Build(shop, deps, Direction.Dependencies, day, includeInactive: true);

        Assert.Equal(["Cluster", "Server", "Website"], active.Dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["s-edge"], active.Dependencies["Server"].Select(d => d.Name));
        Assert.Equal(["s-edge", "s-old"], all.Dependencies["Server"].Select(d => d.Name));
        Assert.True(all.Dependencies["Server"].Single(d => d.Name == "s-old").Inactive);
        Assert.Equal("shop", active.Dependencies["Website"][0].Name);
        Assert.Null(active.Dependencies["Website"][0].Periods);
        Assert.Equal(3, active.Graph.Nodes.Count);
        Assert.All(active.Graph.Relationships, r => Assert.Equal(shop.Id, r.From));

        var dependents = await Store.GetNeighboursAsync(team, "Server", "s-edge", Direction.Dependents, None);
        var server = (await Store.GetNodeAsync(team, "Server", "s-edge", None))!;
        var reversed = DependencyQuery.Build(server, dependents, Direction.Dependents, day, includeInactive: false);
        Assert.Equal(["shop"], reversed.Dependencies["Website"].Select(d => d.Name));
        Assert.Equal(server.Id, Assert.Single(reversed.Graph.Relationships).To);
    }

    [Fact]
    public async Task Deleting_a_node_is_refused_while_linked_unless_detached()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}}""", """{"source": {"label": "App", "name": "lonely"}}""");

        Assert.Equal(DeleteOutcome.HasRelationships, await Store.DeleteNodeAsync(team, "Db", "d", detach: false, None));
        Assert.Equal(DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "App", "lonely", detach: false, None));
        Assert.Equal(DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "Db", "d", detach: true, None));
        Assert.Equal(DeleteOutcome.NotFound, await Store.DeleteNodeAsync(team, "Db", "d", detach: true, None));
        Assert.Equal(0, await Store.CountDependenciesAsync(team, "App", "a", None));

        // The store keeps working after a delete: the node comes back, linked anew.
        var report = await Driver.IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}}""");
        Assert.Equal(1, report.Accepted);
        Assert.Equal(1, await Store.CountDependenciesAsync(team, "App", "a", None));
    }
}
