using Depc.Core.Storage;
using Depc.Neo4j.Http;
using Depc.Neo4j.Tests.Support;
using Depc.StoreScenarios;

namespace Depc.Neo4j.Tests;

/// <summary>What every instance on one Neo4j shares beside the graph: teams with their token hashes, and the rejection feed.</summary>
[Collection(Neo4jServerGroup.Name)]
public sealed class SharedStateTests(Neo4jServerFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task A_team_is_created_once_found_by_its_token_hash_rotated_listed_and_deleted_with_its_feed()
    {
        var team = TestTeams.New();
        byte[] first = [1, 2, 3], second = [4, 5, 6];

        Assert.True(await Store.Teams.CreateAsync(team, first, 100, None));
        Assert.False(await Store.Teams.CreateAsync(team, second, 200, None));
        Assert.Equal(team.Value, (await Store.Teams.FindByTokenHashAsync(first, None))?.Name);
        Assert.Null(await Store.Teams.FindByTokenHashAsync(second, None));

        Assert.True(await Store.Teams.ReplaceTokenAsync(team, second, 300, None));
        Assert.Null(await Store.Teams.FindByTokenHashAsync(first, None));
        var listed = Assert.Single(await Store.Teams.ListAsync(None), t => t.Name == team.Value);
        Assert.Equal((100L, 300L, "040506"), (listed.CreatedAt, listed.RotatedAt, Convert.ToHexString(listed.TokenHash)));

        await Store.Teams.AppendFeedAsync(team, [new FeedEntry(5, "http", "line 1", "bad", "{")], retention: 10, None);
        Assert.Single(await Store.Teams.ReadFeedAsync(team, 10, None));
        Assert.True(await Store.Teams.DeleteAsync(team, None));
        Assert.False(await Store.Teams.DeleteAsync(team, None));
        Assert.False(await Store.Teams.ReplaceTokenAsync(team, first, 400, None));
        Assert.Null(await Store.Teams.FindByTokenHashAsync(second, None));
        Assert.Empty(await Store.Teams.ReadFeedAsync(team, 10, None));
        Assert.Equal(0, await CountFeedNodesAsync(team.Value));
    }

    [Fact]
    public async Task A_write_puts_its_rejections_in_the_feed_in_its_transaction_keeping_the_newest_up_to_the_retention()
    {
        var team = TestTeams.New();
        var driver = new StoreDriver(Store);
        StoreWrite Write(params string[] lines) => new(driver.Plan(team, lines), Now) { Feed = new FeedRecording(3) };

        await Store.WriteAsync(Write("not json a", "not json b", """{"source": {"label": "Svc", "name": "ok"}}""", "not json c", "not json d", "not json e"), None);
        await Store.WriteAsync(Write("not json f", "not json g"), None);

        var feed = await Store.Teams.ReadFeedAsync(team, 10, None);
        Assert.Equal(["not json g", "not json f", "not json e"], feed.Select(e => e.Payload));
        Assert.All(feed, e => Assert.Equal((Now, "http"), (e.Time, e.Source)));
        Assert.Equal(["not json g"], (await Store.Teams.ReadFeedAsync(team, 1, None)).Select(e => e.Payload));

        // Trimmed in the store, not only in the answer; the counts saw every rejection.
        Assert.Equal(3, await CountFeedNodesAsync(team.Value));
        Assert.Equal(new TeamCounts(8, 1, 7, 0, Now), await Store.ReadTeamCountsAsync(team, None));
    }

    private async Task<long> CountFeedNodesAsync(string team)
    {
        var count = -1L;
        await Client.CommitAsync(
            [new CypherStatement("MATCH (r:`_Depc_Rejection` {team: $team}) RETURN count(r)", w => w.WriteString("team"u8, team), row => count = row[0].GetInt64())],
            None);
        return count;
    }
}
