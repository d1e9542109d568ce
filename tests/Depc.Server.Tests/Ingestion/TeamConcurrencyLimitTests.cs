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

        // 2 in progress and 1 waiting, each with its body announced and only begun: the team's whole allowance.
        var body = Encoding.ASCII.GetBytes(Good + "\n" + new string(' ', HeldBodyBytes - Good.Length - 1));
        var held = new List<RawHttp>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var raw = await RawHttp.ConnectAsync(server.BaseAddress);
                held.Add(raw);
                await raw.PostHeadersAsync(team, token, body.Length);
                await raw.SendAsync(Encoding.ASCII.GetString(body, 0, 10));
            }

            var refused = await ProbeUntilRefusedAsync(team, token);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = (await Json.ReadAsync(refused))!;
            Assert.Equal("Depc:TeamMaxConcurrentIngests", problem["limit"]!.GetValue<string>());
            Assert.Contains("Depc:TeamMaxConcurrentIngests", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(team, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

            // Another team is not held by this one's requests.
            using var otherClient = server.ClientWith(otherToken);
            otherClient.Timeout = TimeSpan.FromSeconds(30);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(otherClient, other)).StatusCode);

            // A held request that finishes its body is answered, and its team is served again.
            await held[0].SendAsync(Encoding.ASCII.GetString(body, 10, body.Length - 10));
            Assert.StartsWith("HTTP/1.1 200", await held[0].ReadResponseAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
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

    /// <summary>
    /// Posts until the team's limit answers 429: the held requests reach the limiter in their own time, so a probe may
    /// pass first (a free permit) or wait in the queue (then it is given up after a few seconds, leaving the queue).
    /// </summary>
    private async Task<HttpResponseMessage> ProbeUntilRefusedAsync(string team, string token)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var client = server.ClientWith(token);
            client.Timeout = TimeSpan.FromSeconds(3);
            try
            {
                var response = await PostAsync(client, team);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return response;
                }
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("the team was never refused");
        return null!;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string team)
    {
        using var content = new StringContent(Good, Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
