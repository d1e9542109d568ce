using System.Net;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary>The time-travel routes answer what <see cref="TimeTravelQueries"/> answers (what the CLI prints), and say what is missing or wrong.</summary>
public sealed class TimeTravelApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    [Theory]
    [InlineData(1500L)]
    [InlineData(150L)]
    [InlineData(6000L)]
    public async Task Why_and_impacted_paths_are_the_witness_chains(long ts)
    {
        var (team, client) = await SeededAsync();
        var t = TeamName.Parse(team);
        var why = await TimeTravelQueries.WhyAsync(app.Store, t, new NodeKey("Apache", "apache-old"), new NodeKey("Offer", "premium"), ts, default);
        var subgraph = (await app.Store.GetImpactSubgraphAsync(t, "Apache", "apache-old", default))!;
        var listed = ImpactAnalysis.Compute(subgraph, "Offer", ts, withPaths: true);
        var node = $"/v1/teams/{team}/labels/Apache/nodes/apache-old";

        Json.Equal(Json.Of(why.Answer!), await GetAsync(client, $"{node}/impacted/why?impactedLabel=Offer&impactedNode=premium&ts={ts}"));
        Json.Equal(Json.Of(listed), await GetAsync(client, $"{node}/impacted?impactedLabel=Offer&ts={ts}&inactive=true&paths=true"));
        Json.Equal(Json.Of(listed), await GetAsync(client, $"{node}/impacted/all?impactedLabel=Offer&ts={ts}&inactive=true&paths=true"));
        Assert.All(listed, n => Assert.Equal(new ChainNode("Apache", "apache-old", n.Path![^1].Inactive), n.Path[^1]));
    }

    [Fact]
    public async Task History_and_diff_are_the_core_answers()
    {
        var (team, client) = await SeededAsync();
        var t = TeamName.Parse(team);
        var history = await TimeTravelQueries.HistoryAsync(app.Store, t, new NodeKey("Filer", "filer/1"), default);
        var diff = await TimeTravelQueries.DiffAsync(app.Store, t, new DiffQuery(150, 2500), default);
        var offers = await TimeTravelQueries.DiffAsync(app.Store, t, new DiffQuery(150, 2500, Label: "Offer", Limit: 1), default);

        Json.Equal(Json.Of(history.Answer!), await GetAsync(client, $"/v1/teams/{team}/labels/Filer/nodes/filer/1/history"));
        Json.Equal(Json.Of(diff.Answer!), await GetAsync(client, $"/v1/teams/{team}/diff?from=150&to=2500"));
        Json.Equal(Json.Of(offers.Answer!), await GetAsync(client, $"/v1/teams/{team}/diff?from=150&to=2500&label=Offer&limit=1"));
        Assert.Equal("Offer:legacy", Assert.Single(diff.Answer!.Disappeared.Relationships).Source is var s ? $"{s.Label}:{s.Name}" : null);
        Assert.Equal(4, diff.Answer.Appeared.Relationships.Count);
    }

    [Theory]
    [InlineData("labels/Apache/nodes/apache-old/impacted/why?impactedLabel=Offer&impactedNode=nope", "not found")]
    [InlineData("labels/Apache/nodes/nope/impacted/why?impactedLabel=Offer&impactedNode=premium", "not found")]
    [InlineData("labels/Apache/nodes/apache1/impacted/why?impactedLabel=Offer&impactedNode=legacy", "is not impacted")]
    [InlineData("labels/Filer/nodes/nope/history", "not found")]
    [InlineData("diff?from=1&to=2&label=Filer&node=nope", "not found")]
    public async Task Missing_nodes_and_nodes_not_impacted_are_404_problems(string path, string detail)
    {
        var (team, client) = await SeededAsync();

        var response = await client.GetAsync($"/v1/teams/{team}/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(detail, (await Json.ReadAsync(response))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff?to=2", "from")]
    [InlineData("diff?from=5&to=5", "to")]
    [InlineData("diff?from=5&to=x", "to")]
    [InlineData("diff?from=1&to=2&node=a", "node")]
    [InlineData("diff?from=1&to=2&label=bad", "label")]
    [InlineData("labels/Apache/nodes/apache1/impacted/why?impactedLabel=Offer", "impactedNode")]
    [InlineData("labels/Apache/nodes/apache1/impacted/why?impactedNode=x", "impactedLabel")]
    [InlineData("labels/Apache/nodes/apache1/impacted?impactedLabel=Offer&paths=maybe", "paths")]
    public async Task Bad_arguments_are_400_problems_naming_them(string path, string parameter)
    {
        var (team, client) = await SeededAsync();

        var response = await client.GetAsync($"/v1/teams/{team}/{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (await Json.ReadAsync(response))!["parameter"]!.GetValue<string>());
    }

    private async Task<(string Team, HttpClient Client)> SeededAsync()
    {
        var (team, token) = await app.CreateTeamAsync();
        var report = await app.PostMessagesAsync(team, token, Scenario.Messages);
        Assert.Equal(6, report["accepted"]!.GetValue<long>());
        return (team, app.ClientWith(token));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json.ReadAsync(response);
    }
}
