using System.Net;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

/// <summary>
/// Slow or stalled clients over a real socket lose their connection (or get 408) in a bounded time, write nothing, and the
/// server keeps answering others meanwhile. The bounds are loose (15 to 30 s for timeouts of 2 s): they tell a
/// timeout from none, not how fast it fires.
/// </summary>
public sealed class SlowClientTests(SlowClientServer server) : IClassFixture<SlowClientServer>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"}}""";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stalled_body_is_cut_off_and_others_are_answered()
    {
        var (team, token) = await server.CreateTeamAsync();
        await using var raw = await RawHttp.ConnectAsync(server.BaseAddress);
        await raw.PostHeadersAsync(team, token, 5000);
        await raw.SendAsync(Good[..10]);

        var closing = raw.ReadUntilClosedAsync(Bound);
        await AssertOthersAnsweredAsync();
        AssertCutOff(await closing);
        await AssertNothingWrittenAsync(team, token);
    }

    [Fact]
    public async Task A_trickled_body_is_cut_off()
    {
        var (team, token) = await server.CreateTeamAsync();
        await using var raw = await RawHttp.ConnectAsync(server.BaseAddress);
        await raw.PostHeadersAsync(team, token, 20_000);

        // At most 500 bytes a second: enough for Kestrel's default minimum (240), not for this server's 1,000, so only
        // the setting cuts it off before the 40 s the body would take.
        var closing = raw.ReadUntilClosedAsync(Bound);
        for (var i = 0; i < 400 && !closing.IsCompleted; i++)
        {
            try
            {
                await raw.SendAsync(new string(' ', 50));
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(100);
        }

        AssertCutOff(await closing);
        await AssertNothingWrittenAsync(team, token);
    }

    [Fact]
    public async Task Stalled_headers_are_cut_off()
    {
        await using var raw = await RawHttp.ConnectAsync(server.BaseAddress);
        await raw.SendAsync("POST /v1/teams/x/messages HTTP/1.1\r\nHost: localhost\r\n");

        // Within half of Kestrel's default (30 s): only the setting (2 s) closes it in time.
        var closing = raw.ReadUntilClosedAsync(TimeSpan.FromSeconds(15));
        await AssertOthersAnsweredAsync();
        Assert.NotNull(await closing);
    }

    /// <summary>Closed within the bound (not null), with at most a 408 said before.</summary>
    private static void AssertCutOff(string? received)
    {
        Assert.NotNull(received);
        if (received.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 408", received, StringComparison.Ordinal);
        }
    }

    private async Task AssertOthersAnsweredAsync()
    {
        var (other, otherToken) = await server.CreateTeamAsync();
        using var client = server.ClientWith(otherToken);
        client.Timeout = TimeSpan.FromSeconds(10);
        using var content = new StringContent(Good, Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/v1/teams/{other}/messages", content)).StatusCode);
    }

    private async Task AssertNothingWrittenAsync(string team, string token)
    {
        using var client = server.ClientWith(token);
        Assert.Equal("[]", await client.GetStringAsync($"/v1/teams/{team}/labels"));
    }
}
