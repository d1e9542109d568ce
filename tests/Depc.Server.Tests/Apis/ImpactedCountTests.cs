using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary>
/// <c>…/impacted/count</c> counts what <c>…/impacted</c> and <c>…/impacted/all</c> list for the same <c>inactive</c>
/// flag, on a graph with an inactive node (w) and an inactive relationship (b → db). The count is shaped in Core from
/// the store's impact subgraph, as the list is: no store has a count path of its own.
/// </summary>
public sealed class ImpactedCountTests(DepcAppFactory factory) : IClassFixture<DepcAppFactory>
{
    private const string Graph = """
        {"source":{"label":"Server","name":"a"},"target":{"label":"Database","name":"db"},"rel":{"from":100}}
        {"source":{"label":"Server","name":"b"},"target":{"label":"Database","name":"db"},"rel":{"from":100,"to":200}}
        {"source":{"label":"App","name":"x"},"target":{"label":"Server","name":"a"},"rel":{"from":100}}
        {"source":{"label":"App","name":"y"},"target":{"label":"Server","name":"b"},"rel":{"from":100}}
        {"source":{"label":"App","name":"z"},"target":{"label":"Server","name":"b"},"rel":{"from":100}}
        {"source":{"label":"App","name":"w","props":{"to":150}},"target":{"label":"Server","name":"a"},"rel":{"from":100}}
        {"source":{"label":"App","name":"v"},"target":{"label":"App","name":"x"},"rel":{"from":100}}
        """;

    [Theory]
    [InlineData(300, false, 2)]
    [InlineData(300, true, 5)]
    [InlineData(150, false, 5)]
    [InlineData(150, true, 5)]
    [InlineData(50, false, 0)]
    [InlineData(50, true, 5)]
    public async Task The_count_is_the_length_of_the_list_for_the_same_inactive_flag(long ts, bool inactive, int listed)
    {
        var (team, token) = await factory.CreateTeamAsync("ic");
        await factory.PostMessagesAsync(team, token, Graph);
        using var client = factory.ClientWith(token);
        var query = $"impactedLabel=App&ts={ts}&inactive={(inactive ? "true" : "false")}";
        var node = $"/v1/teams/{team}/labels/Database/nodes/db/impacted";

        var page = (await Json.ReadAsync(await client.GetAsync($"{node}?{query}&limit=100")))!.AsArray();
        var all = (await Json.ReadAsync(await client.GetAsync($"{node}/all?{query}")))!.AsArray();
        var count = (await Json.ReadAsync(await client.GetAsync($"{node}/count?{query}")))!["count"]!.GetValue<int>();

        Assert.Equal(listed, page.Count);
        Assert.Equal(listed, all.Count);
        Assert.Equal(listed, count);
    }
}
