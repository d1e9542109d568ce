using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

/// <summary>Per-team request rate, over a real socket: a burst beyond the team's bucket gets 429 with Retry-After; other teams have their own.</summary>
public sealed class TeamRateLimitTests(TeamRateServer server) : IClassFixture<TeamRateServer>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"}}""";

    [Fact]
    public async Task A_team_sending_faster_than_its_rate_gets_429_with_Retry_After_and_another_team_is_answered()
    {
        var (team, token) = await server.CreateTeamAsync();
        var (other, otherToken) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);

        var answered = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 30 && refused is null; i++)
        {
            var response = await PostAsync(client, team);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                answered++;
            }
        }

        Assert.NotNull(refused);
        Assert.True(answered >= 3, $"the burst of 3 was not answered ({answered})");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var problem = (await Json.ReadAsync(refused))!;
        Assert.Equal("Depc:TeamIngestRequestsPerSecond", problem["limit"]!.GetValue<string>());
        Assert.Contains("Depc:TeamIngestBurst", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var otherClient = server.ClientWith(otherToken);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(otherClient, other)).StatusCode);

        // Reads are not ingest requests: the team over its rate still reads its graph.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/teams/{team}/labels")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string team)
    {
        using var content = new StringContent(Good, Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
