using Depc.Core.Storage;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>A graph written by the original system (here with plain Cypher) is read as it is.</summary>
[Collection(Neo4jServerGroup.Name)]
public sealed class LegacyLayoutTests(Neo4jServerFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Reads_a_graph_in_the_original_layout()
    {
        var team = TestTeams.New("legacy");
        await CypherAsync($"CREATE CONSTRAINT ON (n:`{team}_Server`) ASSERT n.name IS UNIQUE");
        await CypherAsync(
            $"CREATE (w:`{team}_Website` {{name: 'shop', from: 1000}}), (s:`{team}_Server` {{name: 'srv1', from: 1000, to: 5000}}), " +
            $"(d:`{team}_Server` {{name: 'srv2'}}), (o:`other_Server` {{name: 'srv1'}}), " +
            "(w)-[:DEPENDS_ON {periods: [1000, 2000, 3000], last_state: 'from', last_ts: 3000}]->(s), " +
            "(s)-[:DEPENDS_ON]->(d), (o)-[:DEPENDS_ON {periods: [1]}]->(d)");

        Assert.Equal([new LabelCount("Server", 2), new LabelCount("Website", 1)], await Store.GetLabelsAsync(team, None));
        var srv1 = await Store.GetNodeAsync(team, "Server", "srv1", None);
        Assert.Equal(("Server", 1000L, 5000L), (srv1!.Label, srv1.From!.Value, srv1.To!.Value));

        var deps = Assert.Single(await Store.GetNeighboursAsync(team, "Website", "shop", Direction.Dependencies, None));
        Assert.Equal([1000L, 2000, 3000], deps.Periods);
        var noPeriods = Assert.Single(await Store.GetNeighboursAsync(team, "Server", "srv1", Direction.Dependencies, None));
        Assert.Empty(noPeriods.Periods);

        // The other team's node depends on srv2 too, but is not this team's: left out.
        var impact = await Store.GetImpactSubgraphAsync(team, "Server", "srv2", None);
        Assert.Equal(["shop", "srv1"], impact!.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, impact.Edges.Count);

        // And the store continues the original's relationship history.
        var result = await ApplyAsync(team, new Core.Messages.GraphMessage(new("Website", "shop"), new("Server", "srv1"), new(null, 4000)));
        Assert.Equal(MessageOutcome.Accepted, Assert.Single(result.Outcomes));
        deps = Assert.Single(await Store.GetNeighboursAsync(team, "Website", "shop", Direction.Dependencies, None));
        Assert.Equal([1000L, 2000, 3000, 4000], deps.Periods);
    }

    [Fact]
    public async Task A_diff_on_a_graph_written_before_the_change_index_fills_it_once_then_follows_new_writes()
    {
        var team = TestTeams.New("legacydiff");
        await CypherAsync(
            $"CREATE (w:`{team}_Website` {{name: 'shop', from: 1000}}), (s:`{team}_Server` {{name: 'srv1', to: 5000}}), " +
            "(w)-[:DEPENDS_ON {periods: [1000, 2000, 3000], last_state: 'from', last_ts: 3000}]->(s)");

        var before = (await Core.Queries.TimeTravelQueries.DiffAsync(Store, team, new Core.Queries.DiffQuery(1500, 2500), None)).Answer!;
        Assert.Equal("shop", Assert.Single(before.Disappeared.Relationships).Source.Name);
        var bounds = (await Core.Queries.TimeTravelQueries.DiffAsync(Store, team, new Core.Queries.DiffQuery(500, 6000), None)).Answer!;
        Assert.Equal(["shop"], bounds.Appeared.Nodes.Select(n => n.Name));
        Assert.Equal(["srv1"], bounds.Disappeared.Nodes.Select(n => n.Name));

        await ApplyAsync(team, new Core.Messages.GraphMessage(new("Website", "shop"), new("Server", "srv1"), new(null, 4000)));
        var after = (await Core.Queries.TimeTravelQueries.DiffAsync(Store, team, new Core.Queries.DiffQuery(3500, 4500), None)).Answer!;
        Assert.Equal("srv1", Assert.Single(after.Disappeared.Relationships).Target.Name);
    }
}
