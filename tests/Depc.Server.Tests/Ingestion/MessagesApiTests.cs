using System.Net;
using System.Net.Http.Json;
using System.Text;
using Depc.Core.Naming;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

public sealed class MessagesApiTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"},"rel":{"from":10}}""";
    private const string BadLabel = """{"source":{"label":"server","name":"s2"}}""";

    [Fact]
    public async Task Ndjson_answers_the_counts_and_one_reason_per_rejected_line()
    {
        var (team, token) = await app.CreateTeamAsync();
        var answer = await app.PostMessagesAsync(team, token, $"{Good}\r\n\n{BadLabel}\nnot json\n{Good}\n");

        Assert.Equal(4, answer["received"]!.GetValue<long>());
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(2, answer["rejected"]!.GetValue<long>());
        Assert.Equal(1, answer["duplicates"]!.GetValue<long>());
        var rejections = answer["rejections"]!.AsArray();
        Assert.Equal(["line 3", "line 4"], rejections.Select(r => r!["origin"]!.GetValue<string>()));
        Assert.Contains("$.source.label", rejections[0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("not json", rejections[1]!["payload"]!.GetValue<string>());
        Assert.NotNull(await app.Store.GetNodeAsync(TeamName.Parse(team), "Rack", "r1", default));
    }

    [Fact]
    public async Task The_answer_lists_at_most_the_first_100_rejections_and_keeps_the_exact_counts()
    {
        var (team, token) = await app.CreateTeamAsync();
        var body = new StringBuilder(Good).Append('\n');
        for (var i = 0; i < 150; i++)
        {
            body.Append("""{"source":{"label":"server","name":"s""").Append(i).Append("\"}}\n");
        }

        foreach (var dryRun in new[] { "true", "false" })
        {
            using var client = app.ClientWith(token);
            using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
            var answer = (await Json.ReadAsync(await client.PostAsync($"/v1/teams/{team}/messages?dryRun={dryRun}", content)))!;

            Assert.Equal(151, answer["received"]!.GetValue<long>());
            Assert.Equal(1, answer["accepted"]!.GetValue<long>());
            Assert.Equal(150, answer["rejected"]!.GetValue<long>());
            var listed = answer["rejections"]!.AsArray();
            Assert.Equal(100, listed.Count);
            Assert.Equal("line 2", listed[0]!["origin"]!.GetValue<string>());
            Assert.Equal("line 101", listed[99]!["origin"]!.GetValue<string>());
            Assert.Equal(50, answer["rejections_not_listed"]!.GetValue<long>());
        }

        // Every rejection still reaches the feed.
        using var reader = app.ClientWith(token);
        var feed = (await reader.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/v1/teams/{team}/rejections?limit=5000"))!;
        Assert.Equal(150, feed.Count);
    }

    [Fact]
    public async Task A_short_answer_says_no_rejection_was_left_out()
    {
        var (team, token) = await app.CreateTeamAsync();
        var answer = await app.PostMessagesAsync(team, token, $"{Good}\n{BadLabel}\n");

        Assert.Single(answer["rejections"]!.AsArray());
        Assert.Equal(0, answer["rejections_not_listed"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_json_array_follows_the_same_rules_item_by_item()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        using var content = new StringContent($"[{Good}, {BadLabel}, 42, {Good}]", Encoding.UTF8, "application/json");
        var answer = (await Json.ReadAsync(await client.PostAsync($"/v1/teams/{team}/messages", content)))!;

        Assert.Equal(4, answer["received"]!.GetValue<long>());
        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(2, answer["rejected"]!.GetValue<long>());
        Assert.Equal(1, answer["duplicates"]!.GetValue<long>());
        Assert.Equal(["item 2", "item 3"], answer["rejections"]!.AsArray().Select(r => r!["origin"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Dry_run_validates_without_writing()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        using var content = new StringContent($"{Good}\n{BadLabel}", Encoding.UTF8, "application/x-ndjson");
        var answer = (await Json.ReadAsync(await client.PostAsync($"/v1/teams/{team}/messages?dryRun=true", content)))!;

        Assert.Equal(1, answer["accepted"]!.GetValue<long>());
        Assert.Equal(1, answer["rejected"]!.GetValue<long>());
        Assert.Equal("", await app.SnapshotAsync(team));
    }

    [Fact]
    public async Task Rejections_reach_the_feed_and_counts_the_status()
    {
        var (team, token) = await app.CreateTeamAsync();
        await app.PostMessagesAsync(team, token, $"{Good}\n{BadLabel}");
        using var client = app.ClientWith(token);

        var feed = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/v1/teams/{team}/rejections"))!;
        var entry = Assert.Single(feed)!;
        Assert.Equal("http", entry["source"]!.GetValue<string>());
        Assert.Equal("line 2", entry["origin"]!.GetValue<string>());
        Assert.Contains("label", entry["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(entry["time"]!.GetValue<long>() > 1_600_000_000);

        var status = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/teams/{team}/status"))!;
        Assert.Equal(2, status["received"]!.GetValue<long>());
        Assert.Equal(1, status["accepted"]!.GetValue<long>());
        Assert.Equal(1, status["rejected"]!.GetValue<long>());
        Assert.Equal(0, status["duplicates"]!.GetValue<long>());
        Assert.NotNull(status["last_message_at"]);
        Assert.Null(status["consumer_lag"]);
    }

    [Fact]
    public async Task The_feed_keeps_the_latest_entries_only()
    {
        var (team, token) = await app.CreateTeamAsync();
        var lines = string.Join('\n', Enumerable.Range(0, 1_005).Select(i => "{\"source\":{\"label\":\"bad" + i + "\",\"name\":\"x\"}}"));
        await app.PostMessagesAsync(team, token, lines);
        using var client = app.ClientWith(token);

        var feed = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/v1/teams/{team}/rejections?limit=5000"))!;
        Assert.Equal(1_000, feed.Count);
        Assert.Equal("line 1005", feed[0]!["origin"]!.GetValue<string>());
        Assert.Equal("line 6", feed[^1]!["origin"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsupported_media_type_is_415_naming_the_accepted_types_with_a_curl_line_that_works()
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        // What curl --data-binary sends by default.
        using var content = new StringContent(Good, Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = (await Json.ReadAsync(response))!;
        Assert.Equal(["application/x-ndjson", "application/json", "text/plain"], problem["accepted_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("'application/x-www-form-urlencoded; charset=utf-8'", detail, StringComparison.Ordinal);
        var example = problem["example"]!.GetValue<string>();
        Assert.Contains(example, detail, StringComparison.Ordinal);
        Assert.Equal(
            $"curl -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/x-ndjson\" --data-binary @messages.ndjson http://localhost/v1/teams/{team}/messages",
            example);

        // The header the example names is accepted.
        using var fixedContent = new StringContent(Good, Encoding.UTF8, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/v1/teams/{team}/messages", fixedContent)).StatusCode);
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("br", false)]
    public async Task A_compressed_or_so_labelled_body_is_refused_with_415_naming_the_encoding_and_nothing_is_written(string encoding, bool compressed)
    {
        var (team, token) = await app.CreateTeamAsync();
        using var client = app.ClientWith(token);
        var bytes = Encoding.UTF8.GetBytes(Good + "\n");
        if (compressed)
        {
            using var packed = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            bytes = packed.ToArray();
        }

        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add(encoding);
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains($"Content-Encoding '{encoding}' is not supported", (await Json.ReadAsync(response))!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await app.Store.GetNodeAsync(TeamName.Parse(team), "Rack", "r1", default));
    }
}
