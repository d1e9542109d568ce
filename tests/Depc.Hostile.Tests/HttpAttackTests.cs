using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Depc.Testing.Attacks;
using Xunit.Abstractions;

namespace Depc.Hostile.Tests;

/// <summary>Issue 12's attack classes over HTTP, each with the victim team working meanwhile.</summary>
[Collection(AttackTests.Name)]
public sealed class HttpAttackTests(AttackFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan VictimP99Bound = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_period_flood_then_refused_closes_keep_the_history_bounded_and_the_reasons_short()
    {
        var (team, client) = await AttackerAsync("periods");
        // A request carries at most Depc:MaxMessagesPerRequest (10,000) messages: the flood comes in requests that big.
        var floodBodies = AttackPayloads.PeriodFlood(50_000).Chunk(10_000).Select(AttackPayloads.Ndjson).ToList();
        var refusedBodies = AttackPayloads.RefusedCloses(20_000).Chunk(10_000).Select(AttackPayloads.Ndjson).ToList();
        await using var probe = Probe();

        var flood = new List<JsonNode>();
        foreach (var body in floodBodies)
        {
            flood.Add(await PostAsync(client, team, body));
        }

        var refused = new List<JsonNode>();
        foreach (var body in refusedBodies)
        {
            refused.Add(await PostAsync(client, team, body));
        }

        var victim = await probe.StopAsync();

        Assert.Equal(50_000L, flood.Sum(a => Long(a, "accepted")));
        Assert.Equal(20_000L, refused.Sum(a => Long(a, "rejected")));
        Assert.All(refused.SelectMany(a => a["rejections"]!.AsArray()), r => Assert.True(r!["reason"]!.GetValue<string>().Length < 300, r["reason"]!.GetValue<string>()));
        Assert.Contains("1000 periods", refused[0]["rejections"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2000, (await fixture.Service.PeriodsAsync(team, "flood", "flood-db"))!.Count);
        AssertVictimServed(victim, "period flood");
    }

    [Fact]
    public async Task Names_of_a_mebibyte_are_rejected_naming_the_limit_and_nothing_of_them_is_kept()
    {
        var (team, client) = await AttackerAsync("names");
        // Made before the second team starts: building 16 MB strings would pause this process, not the server.
        var body = AttackPayloads.Ndjson([.. AttackPayloads.LongNames(15, 1_000_000), AttackPayloads.Valid]);
        await using var probe = Probe();

        for (var round = 0; round < 8; round++)
        {
            var answer = await PostAsync(client, team, body);
            // The valid message opens its relationship once, then re-sends it (a duplicate).
            Assert.Equal((16L, 1L, 15L), (Long(answer, "received"), Long(answer, "accepted") + Long(answer, "duplicates"), Long(answer, "rejected")));
            Assert.Contains("(setting Depc:Limits:MaxNameBytes)", answer["rejections"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var atLimit = await PostAsync(client, team, AttackPayloads.Ndjson(AttackPayloads.LongNames(5_000, 1024)));
        var victim = await probe.StopAsync();

        Assert.Equal(5_000L, Long(atLimit, "accepted"));
        AssertVictimServed(victim, "long names");
    }

    [Fact]
    public async Task A_hundred_thousand_labels_are_refused_in_one_request_and_stop_at_the_teams_label_limit_in_ten()
    {
        var (team, client) = await AttackerAsync("labels");
        var whole = AttackPayloads.Ndjson(AttackPayloads.DistinctLabels(100_000));
        var bodies = AttackPayloads.DistinctLabels(100_000).Chunk(10_000).Select(AttackPayloads.Ndjson).ToList();
        await using var probe = Probe();

        using var tooMany = await client.PostAsync($"/v1/teams/{team}/messages", Ndjson(whole));
        var answers = new List<JsonNode>();
        foreach (var body in bodies)
        {
            answers.Add(await PostAsync(client, team, body));
        }

        var again = await PostAsync(client, team, AttackPayloads.Ndjson([.. AttackPayloads.DistinctLabels(3), .. AttackPayloads.DistinctLabels(1, "Other")]));
        var victim = await probe.StopAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("Depc:MaxMessagesPerRequest", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((10_000L, 90_000L), (answers.Sum(a => Long(a, "accepted")), answers.Sum(a => Long(a, "rejected"))));
        Assert.Contains("(setting Depc:Limits:MaxLabelsPerTeam)", answers[^1]["rejections"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((3L, 1L), (Long(again, "accepted"), Long(again, "rejected")));
        var labels = JsonNode.Parse(await fixture.Service.Admin.GetStringAsync($"/v1/teams/{team}/labels"))!.AsArray();
        Assert.Equal(10_000, labels.Count);
        AssertVictimServed(victim, "100,000 labels");
    }

    [Fact]
    public async Task Deep_nesting_huge_numbers_and_invalid_utf8_are_rejected_each_and_the_valid_message_applied()
    {
        var (team, client) = await AttackerAsync("malformed");

        var answer = await PostAsync(client, team, AttackPayloads.Ndjson([.. AttackPayloads.Malformed(), AttackPayloads.Valid]));
        var invalid = await PostAsync(client, team, [.. AttackPayloads.InvalidUtf8Line, (byte)'\n', .. AttackPayloads.Ndjson([AttackPayloads.Valid])]);

        var malformed = AttackPayloads.Malformed().Count();
        Assert.Equal((malformed + 1L, 1L, (long)malformed), (Long(answer, "received"), Long(answer, "accepted"), Long(answer, "rejected")));
        Assert.All(answer["rejections"]!.AsArray(), r => Assert.False(string.IsNullOrWhiteSpace(r!["reason"]!.GetValue<string>())));
        Assert.NotNull(await fixture.Service.PeriodsAsync(team, "kept", "kept-db"));
        // A line that is not UTF-8 is one rejected message, as over Kafka and in depc ingest; the line after it is read.
        Assert.Equal((2L, 1L, 1L), (Long(invalid, "received"), Long(invalid, "rejected"), Long(invalid, "duplicates")));
        Assert.Equal("line 1", invalid["rejections"]![0]!["origin"]!.GetValue<string>());
        fixture.AssertAliveWithin();
    }

    [Fact]
    public async Task A_body_announced_larger_than_the_limit_is_refused_before_it_is_read_and_a_stalled_one_is_dropped()
    {
        var (team, client) = await AttackerAsync("bodies");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var announced = await RawRequestAsync(team, token, contentLength: 1L << 30, send: 10);
        var stalled = await RawRequestAsync(team, token, contentLength: 1L << 20, send: 100);

        Assert.StartsWith("HTTP/1.1 413", announced, StringComparison.Ordinal);
        Assert.True(stalled.Length == 0 || stalled.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), stalled);
        fixture.AssertAliveWithin();
    }

    [Fact]
    public async Task A_flood_of_large_batches_from_one_team_leaves_the_other_team_served()
    {
        var (team, client) = await AttackerAsync("flood");
        await using var probe = Probe();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var flood = await TeamFlood.RunAsync(fixture.Service.Server.BaseAddress, team, token, clients: 32, batch: 1_000, TimeSpan.FromSeconds(15));
        var victim = await probe.StopAsync();

        output.WriteLine("flood: " + flood);
        Assert.All(flood.Statuses.Keys, status => Assert.True(status is 200 or 429, $"answered {status}"));
        AssertVictimServed(victim, "flood of 32 clients");
    }

    private LatencyProbe Probe() => new(fixture.Service.Server.BaseAddress, AttackFixture.Victim, fixture.VictimToken, TimeSpan.FromMilliseconds(50));

    private void AssertVictimServed(ProbeFigures victim, string attack)
    {
        output.WriteLine($"{attack}: victim {victim}; depc serve peak {fixture.Service.Memory.Highest >> 20} MiB");
        fixture.AssertAliveWithin();
        Assert.True(victim.Requests > 0, "the victim sent nothing");
        Assert.Empty(victim.Failures);
        Assert.True(victim.P99 < VictimP99Bound.TotalMilliseconds, $"{attack}: victim {victim}");
    }

    private async Task<(string Team, HttpClient Client)> AttackerAsync(string attack)
    {
        var team = "attacker-" + attack;
        var token = await fixture.Service.CreateTeamAsync(team);
        return (team, fixture.Service.Server.Client(token, TimeSpan.FromSeconds(300)));
    }

    private async Task<JsonNode> PostAsync(HttpClient client, string team, byte[] body)
    {
        using var content = Ndjson(body);
        using var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}\n{fixture.Tail()}");
        return JsonNode.Parse(text)!;
    }

    private static ByteArrayContent Ndjson(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    // Over a socket of its own: HttpClient would not announce a length it does not send.
    private async Task<string> RawRequestAsync(string team, string token, long contentLength, int send)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(fixture.Service.Server.BaseAddress.Host, fixture.Service.Server.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /v1/teams/{team}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/x-ndjson\r\nContent-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + new string(' ', send)));
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                if (Encoding.ASCII.GetString(answer.ToArray()).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // Reset by the server: what a dropped connection looks like.
        }

        Assert.False(timeout.IsCancellationRequested, "the server neither answered nor dropped the connection within 60 s");
        return Encoding.ASCII.GetString(answer.ToArray());
    }

    private static long Long(JsonNode answer, string key) => answer[key]!.GetValue<long>();
}
