using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary>
/// Names may hold '/' and '%' (SPEC §3): over a real Kestrel socket, each of <c>a/b</c>, <c>a%2Fb</c> and <c>a%b</c> is
/// reached by its own percent-encoding, decoded exactly once, and GET and DELETE hit exactly that node.
/// </summary>
public sealed class NodeNameAddressingTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    private static readonly string[] Names = ["a/b", "a%2Fb", "a%b"];

    [Fact]
    public async Task Names_with_slashes_and_percents_are_each_addressable()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        await PostNodesAsync(client, team);
        var nodes = $"/v1/teams/{team}/labels/Job/nodes/";

        Assert.Equal("a/b", await NameAtAsync(client, nodes + "a/b"));
        Assert.Equal("a/b", await NameAtAsync(client, nodes + "a%2Fb"));
        Assert.Equal("a%2Fb", await NameAtAsync(client, nodes + "a%252Fb"));
        Assert.Equal("a%b", await NameAtAsync(client, nodes + "a%25b"));
    }

    [Fact]
    public async Task An_empty_node_name_gets_a_problem_naming_the_node()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        var response = await client.DeleteAsync($"/v1/teams/{team}/labels/Job/nodes/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("node", (await Json.ReadAsync(response))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a%2Fb", "a%252Fb")]
    [InlineData("a%b", "a%25b")]
    public async Task Delete_removes_exactly_the_node_named(string name, string encoded)
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        await PostNodesAsync(client, team);
        var nodes = $"/v1/teams/{team}/labels/Job/nodes/";

        var deleted = await client.DeleteAsync(nodes + encoded);
        Assert.True(deleted.IsSuccessStatusCode, $"DELETE {encoded}: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        var left = await Json.ReadAsync(await client.GetAsync($"/v1/teams/{team}/labels/Job/nodes"));
        Json.Equal(Json.Of(Names.Where(n => n != name).Order(StringComparer.Ordinal).ToArray()), left);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(nodes + encoded + "?alone=true")).StatusCode);
    }

    private static async Task PostNodesAsync(HttpClient client, string team)
    {
        var body = string.Join('\n', Names.Select(n => "{\"source\":{\"label\":\"Job\",\"name\":\"" + n + "\"}}"));
        using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await Json.ReadAsync(response))!["rejected"]!.GetValue<long>());
    }

    private static async Task<string?> NameAtAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url + "?alone=true");
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await Json.ReadAsync(response))!["name"]!.GetValue<string>();
    }
}
