using System.Net;
using Depc.Core.Activity;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary>Each answer of the dependency API equals the Core shaping of the same question (what the CLI prints).</summary>
public sealed class GraphApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    private static readonly UtcDay Day = UtcDay.Of(DateTimeOffset.FromUnixTimeSeconds(1500));

    [Fact]
    public async Task Labels_and_nodes_are_the_stores()
    {
        var (team, token, client) = await SeededAsync();
        var t = TeamName.Parse(team);

        Json.Equal(Json.Of(await app.Store.GetLabelsAsync(t, default)), await GetAsync(client, $"/v1/teams/{team}/labels"));
        Json.Equal(Json.Of(await app.Store.GetNodeNamesAsync(t, "Offer", new NodeListQuery(), default)), await GetAsync(client, $"/v1/teams/{team}/labels/Offer/nodes"));
        Json.Equal(Json.Of(new[] { "legacy" }), await GetAsync(client, $"/v1/teams/{team}/labels/Offer/nodes?name=eg&limit=5"));
        Json.Equal(Json.Of(new[] { "basic" }), await GetAsync(client, $"/v1/teams/{team}/labels/Offer/nodes?limit=1"));
        var random = await GetAsync(client, $"/v1/teams/{team}/labels/Offer/nodes?random=true");
        Assert.Equal(3, random!.AsArray().Count);
        _ = token;
    }

    [Theory]
    [InlineData("", Direction.Dependencies, false)]
    [InlineData("&inactive=true", Direction.Dependencies, true)]
    [InlineData("&impacted=true", Direction.Dependents, false)]
    [InlineData("&impacted=true&inactive=1", Direction.Dependents, true)]
    public async Task Node_dependencies_are_the_core_shaping(string query, Direction direction, bool inactive)
    {
        var (team, _, client) = await SeededAsync();
        var t = TeamName.Parse(team);
        var node = (await app.Store.GetNodeAsync(t, "Website", "example.com", default))!;
        var neighbours = await app.Store.GetNeighboursAsync(t, "Website", "example.com", direction, default);
        var expected = DependencyQuery.Build(node, neighbours, direction, Day, inactive);

        Json.Equal(Json.Of(expected), await GetAsync(client, $"/v1/teams/{team}/labels/Website/nodes/example.com?day={Day}{query}"));
    }

    [Fact]
    public async Task Alone_count_and_names_with_slashes()
    {
        var (team, _, client) = await SeededAsync();
        var t = TeamName.Parse(team);

        Json.Equal(Json.Of(NodeAnswer.Of((await app.Store.GetNodeAsync(t, "Offer", "basic", default))!)), await GetAsync(client, $"/v1/teams/{team}/labels/Offer/nodes/basic?alone=true"));
        Json.Equal(Json.Of(new CountAnswer(3)), await GetAsync(client, $"/v1/teams/{team}/labels/Website/nodes/example.com/count"));
        Json.Equal(Json.Of(new NodeAnswer("filer/1", null, null)), await GetAsync(client, $"/v1/teams/{team}/labels/Filer/nodes/filer/1?alone=true"));
        Json.Equal(Json.Of(new CountAnswer(0)), await GetAsync(client, $"/v1/teams/{team}/labels/Filer/nodes/filer/1/count"));
    }

    [Fact]
    public async Task Unknown_node_is_a_404_problem()
    {
        var (team, _, client) = await SeededAsync();
        foreach (var path in new[] { "nope", "nope/count", "nope/impacted?impactedLabel=Offer", "nope/impacted/count?impactedLabel=Offer", "nope/impacted/all?impactedLabel=Offer" })
        {
            var response = await client.GetAsync($"/v1/teams/{team}/labels/Website/nodes/{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData(1500L, false)]
    [InlineData(1500L, true)]
    [InlineData(6000L, false)]
    [InlineData(150L, true)]
    public async Task Impacted_pages_count_and_all_are_the_impact_analysis(long ts, bool inactive)
    {
        var (team, _, client) = await SeededAsync();
        var t = TeamName.Parse(team);
        var subgraph = (await app.Store.GetImpactSubgraphAsync(t, "Apache", "apache-old", default))!;
        var all = ImpactAnalysis.Compute(subgraph, "Offer", ts);
        var shown = all.Where(n => inactive || n.Active).ToList();
        var flag = inactive ? "&inactive=true" : "";
        var baseUrl = $"/v1/teams/{team}/labels/Apache/nodes/apache-old/impacted";

        Json.Equal(Json.Of(shown), await GetAsync(client, $"{baseUrl}?impactedLabel=Offer&ts={ts}{flag}"));
        Json.Equal(Json.Of(shown.Skip(1).Take(1)), await GetAsync(client, $"{baseUrl}?impactedLabel=Offer&ts={ts}&skip=1&limit=1{flag}"));
        Json.Equal(Json.Of(shown.OrderBy(n => !n.Active)), await GetAsync(client, $"{baseUrl}?impactedLabel=Offer&ts={ts}&activeFirst=true{flag}"));
        Json.Equal(Json.Of(new CountAnswer(shown.Count)), await GetAsync(client, $"{baseUrl}/count?impactedLabel=Offer&ts={ts}{flag}"));
        Json.Equal(Json.Of(shown), await GetAsync(client, $"{baseUrl}/all?impactedLabel=Offer&ts={ts}{flag}"));
    }

    [Fact]
    public async Task Delete_refuses_a_linked_node_unless_detached()
    {
        var (team, token, _) = await SeededAsync();
        using var client = app.ClientWith(token);
        var url = $"/v1/teams/{team}/labels/Filer/nodes/filer/1";

        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync(url + "?detach=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(url)).StatusCode);
        Assert.Null(await app.Store.GetNodeAsync(TeamName.Parse(team), "Filer", "filer/1", default));
    }

    private async Task<(string Team, string Token, HttpClient Client)> SeededAsync()
    {
        var (team, token) = await app.CreateTeamAsync();
        var report = await app.PostMessagesAsync(team, token, Scenario.Messages);
        Assert.Equal(6, report["accepted"]!.GetValue<long>());
        return (team, token, app.ClientWith(token));
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json.ReadAsync(response);
    }
}
