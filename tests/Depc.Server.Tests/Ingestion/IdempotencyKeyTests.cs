using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

/// <summary>SPEC §5: a request with an <c>Idempotency-Key</c> is applied at most once per team and key; a repeat gets the first answer.</summary>
public sealed class IdempotencyKeyTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"},"rel":{"from":10}}""";
    private const string BadLabel = """{"source":{"label":"server","name":"s2"}}""";

    [Fact]
    public async Task A_repeat_gets_the_first_answer_and_applies_nothing_again()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);

        using var first = await PostAsync(client, team, "retry-1", $"{Good}\n{BadLabel}");
        var graph = await app.SnapshotAsync(team);
        using var repeat = await PostAsync(client, team, "retry-1", $"{Good}\n{BadLabel}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, repeat.StatusCode));
        var answer = await first.Content.ReadAsStringAsync();
        Assert.Equal(answer, await repeat.Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((2, 1, 1), (Long(answer, "received"), Long(answer, "accepted"), Long(answer, "rejected")));
        Assert.Equal(graph, await app.SnapshotAsync(team));
        Assert.Equal(2, (await app.Store.ReadTeamCountsAsync(TeamName.Parse(team), default)).Received);
        Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/teams/{team}/rejections"))!);
    }

    [Fact]
    public async Task A_key_reused_for_another_body_is_refused_and_applies_nothing()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        using var first = await PostAsync(client, team, "order-7", Good);

        using var other = await PostAsync(client, team, "order-7", """{"source":{"label":"Server","name":"other"}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("order-7", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.Store.GetNodeAsync(TeamName.Parse(team), "Server", "other", default));
        Assert.Equal(1, (await app.Store.ReadTeamCountsAsync(TeamName.Parse(team), default)).Received);
    }

    [Fact]
    public async Task Keys_are_per_team_and_a_dry_run_keeps_none()
    {
        var (a, tokenA) = await app.CreateTeamAsync("a");
        var (b, tokenB) = await app.CreateTeamAsync("b");
        using var clientA = app.ClientWith(tokenA);
        using var clientB = app.ClientWith(tokenB);

        using var dry = await PostAsync(clientA, a, "k", Good, dryRun: true);
        using var real = await PostAsync(clientA, a, "k", Good);
        using var otherTeam = await PostAsync(clientB, b, "k", Good);

        Assert.False(real.Headers.Contains("Idempotent-Replayed"));
        Assert.False(otherTeam.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal((1L, 1L), ((await app.Store.ReadTeamCountsAsync(TeamName.Parse(a), default)).Received, (await app.Store.ReadTeamCountsAsync(TeamName.Parse(b), default)).Received));
    }

    [Theory]
    [InlineData("with\u00e9accent")]
    [InlineData("a-key-of-256-characters")]
    public async Task A_malformed_key_is_refused_naming_the_header(string key)
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        var sent = key == "a-key-of-256-characters" ? new string('k', 256) : key;

        using var response = await PostAsync(client, team, sent, Good);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TeamCounts.None, await app.Store.ReadTeamCountsAsync(TeamName.Parse(team), default));
    }

    [Fact]
    public async Task Every_message_of_a_request_without_rel_starts_at_the_requests_arrival()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var lines = string.Join('\n', Enumerable.Range(0, 2_000).Select(i => $$$"""{"source":{"label":"Server","name":"s{{{i}}}"},"target":{"label":"Rack","name":"r1"}}"""));
        using var response = await PostAsync(client, team, "arrival", lines);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = await app.Store.GetNeighboursAsync(TeamName.Parse(team), "Rack", "r1", Direction.Dependents, default);
        Assert.Equal(2_000, links.Count);
        var starts = links.Select(l => Assert.Single(l.Periods)).Distinct().ToList();
        Assert.InRange(Assert.Single(starts), before, after);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string team, string key, string body, bool dryRun = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/teams/{team}/messages" + (dryRun ? "?dryRun=true" : ""))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static long Long(string json, string name) => JsonNode.Parse(json)![name]!.GetValue<long>();
}
