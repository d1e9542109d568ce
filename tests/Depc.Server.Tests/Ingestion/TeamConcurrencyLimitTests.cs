using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

/// <summary>Per-team limits on ingest requests in progress, over a real socket: the team over its limit gets 429, another team is answered.</summary>
public sealed class TeamConcurrencyLimitTests(TeamConcurrencyServer server) : IClassFixture<TeamConcurrencyServer>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"}}""";
    private const int HeldBodyBytes = 1000;

    [Fact]
    public async Task A_team_over_its_concurrent_ingests_gets_429_with_Retry_After_and_another_team_is_answered()
    {
        var (team, token) = await server.CreateTeamAsync();
        var (other, otherToken) = await server.CreateTeamAsync();

        // 2 in progress and 1 waiting is the team's whole allowance: of 4 requests, each with its body announced and only
        // begun, exactly one is refused, whichever reached the limiter last (the order is the server's, not the test's).
        var body = Encoding.ASCII.GetBytes(Good + "\n" + new string(' ', HeldBodyBytes - Good.Length - 1));
        var held = new List<RawHttp>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var raw = await RawHttp.ConnectAsync(server.BaseAddress);
                held.Add(raw);
                await raw.PostHeadersAsync(team, token, body.Length);
                await raw.SendAsync(Encoding.ASCII.GetString(body, 0, 10));
            }

            // Each connection read once, from now: the refused one answers at once, the others once their bodies are sent.
            var answers = held.Select(raw => raw.ReadResponseAsync(TimeSpan.FromSeconds(45))).ToList();
            var first = await Task.WhenAny(answers);
            var refusedAt = answers.IndexOf(first);
            var refused = await first ?? throw new InvalidOperationException("no held request was answered within 45 s");
            Assert.StartsWith("HTTP/1.1 429", refused, StringComparison.Ordinal);
            var retryAfter = refused.Split("\r\n").Single(h => h.StartsWith("Retry-After:", StringComparison.OrdinalIgnoreCase));
            Assert.True(int.Parse(retryAfter["Retry-After:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Contains("application/problem+json", refused, StringComparison.Ordinal);
            Assert.Contains("\"limit\":\"Depc:TeamMaxConcurrentIngests\"", refused, StringComparison.Ordinal);
            Assert.Contains("its limit (settings Depc:TeamMaxConcurrentIngests", refused, StringComparison.Ordinal);
            Assert.Contains(team, refused, StringComparison.Ordinal);

            // Another team is not held by this one's requests.
            using var otherClient = server.ClientWith(otherToken);
            otherClient.Timeout = TimeSpan.FromSeconds(30);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(otherClient, other)).StatusCode);

            // The held requests that finish their bodies are answered, the waiting one once a permit is free.
            var kept = Enumerable.Range(0, held.Count).Where(i => i != refusedAt).ToList();
            foreach (var i in kept)
            {
                await held[i].SendAsync(Encoding.ASCII.GetString(body, 10, body.Length - 10));
            }

            foreach (var i in kept)
            {
                Assert.StartsWith("HTTP/1.1 200", await answers[i], StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var raw in held)
            {
                await raw.DisposeAsync();
            }
        }

        using var client = server.ClientWith(token);
        client.Timeout = TimeSpan.FromSeconds(30);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, team)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string team)
    {
        using var content = new StringContent(Good, Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
