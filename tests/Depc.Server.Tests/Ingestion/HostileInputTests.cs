using System.Net;
using System.Text;
using Depc.Core.Naming;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Ingestion;

/// <summary>Hostile requests each get a clear 4xx problem, and the team's graph is left exactly as it was.</summary>
public sealed class HostileInputTests(DepcAppFactory app) : IClassFixture<DepcAppFactory>
{
    private const string Good = """{"source":{"label":"Server","name":"s1"},"target":{"label":"Rack","name":"r1"}}""";

    public static TheoryData<string, string> HostileQueries() => new()
    {
        { "/labels/Server`) DETACH DELETE (n/nodes", "label" },
        { "/labels/Server%60)%20DETACH%20DELETE%20(n/nodes/s1", "label" },
        { "/labels/server/nodes", "label" },
        { "/labels/Server/nodes?limit=abc", "limit" },
        { "/labels/Server/nodes?limit=-1", "limit" },
        { "/labels/Server/nodes?random=maybe", "random" },
        { "/labels/Server/nodes/s1?day=yesterday", "day" },
        { "/labels/Server/nodes/s1?alone=2", "alone" },
        { "/labels/Server/nodes/s 1", "node" },
        { "/labels/Server/nodes/s'1", "node" },
        { "/labels/Server/nodes/s1/impacted?impactedLabel=Rack&ts=now", "ts" },
        { "/labels/Server/nodes/s1/impacted?impactedLabel=Rack&ts=-5", "ts" },
        { "/labels/Server/nodes/s1/impacted?impactedLabel=Rack&skip=-1", "skip" },
        { "/labels/Server/nodes/s1/impacted?impactedLabel=Rack&limit=1e3", "limit" },
        { "/labels/Server/nodes/s1/impacted?impactedLabel=Rack`) DETACH DELETE (n", "impactedLabel" },
        { "/labels/Server/nodes/s1/impacted/count", "impactedLabel" },
        { "/labels/Server/nodes/s1/impacted/all?impactedLabel=Rack&ts=99999999999999999999", "ts" },
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Bad_arguments_are_400_problems_naming_the_parameter(string path, string parameter)
    {
        var (team, token, before) = await SeededAsync();
        using var client = app.ClientWith(token);
        var response = await client.GetAsync($"/v1/teams/{team}{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await Json.ReadAsync(response))!["parameter"]!.GetValue<string>());
        Assert.Equal(before, await app.SnapshotAsync(team));
    }

    [Theory]
    [InlineData("/labels/Server`) DETACH DELETE (n/nodes/s1")]
    [InlineData("/labels/Server/nodes/s1?detach=yes")]
    [InlineData("/labels/Server/nodes/s%201?detach=true")]
    public async Task Hostile_deletes_change_nothing(string path)
    {
        var (team, token, before) = await SeededAsync();
        using var client = app.ClientWith(token);
        var response = await client.DeleteAsync($"/v1/teams/{team}{path}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync(team));
    }

    [Theory]
    [InlineData("/labels/Server/nodes/..%2F..%2Fs1")]
    [InlineData("/labels/Server/nodes/..%2F..%2F..%2Flabels")]
    [InlineData("/labels/Server/nodes/%2E%2E/%2E%2E/x")]
    [InlineData("/labels/Server/nodes/s1%2F..%2F..%2F..%2F..%2Fhealth/live")]
    public async Task Path_traversal_in_node_names_reaches_nothing_else(string path)
    {
        var (team, token, before) = await SeededAsync();
        using var client = app.ClientWith(token);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, $"/v1/teams/{team}{path}"));
            Assert.InRange((int)response.StatusCode, 400, 499);
        }

        Assert.Equal(before, await app.SnapshotAsync(team));
    }

    // Only the case names are theory data: xunit serialises the arguments of every case into its id,
    // and a 17 MB body there costs gigabytes at discovery.
    public static TheoryData<string, HttpStatusCode> HostileBodies() => new()
    {
        { "empty", HttpStatusCode.BadRequest },
        { "blank", HttpStatusCode.BadRequest },
        { "invalid UTF-8 in an array", HttpStatusCode.BadRequest },
        { "deep array", HttpStatusCode.BadRequest },
        { "deep object in array", HttpStatusCode.BadRequest },
        { "broken array", HttpStatusCode.BadRequest },
        { "data after array", HttpStatusCode.BadRequest },
        { "oversized", HttpStatusCode.RequestEntityTooLarge },
        { "too many messages", HttpStatusCode.RequestEntityTooLarge },
    };

    private static byte[] HostileBody(string what) => what switch
    {
        "empty" => [],
        "blank" => "  \n\r\n "u8.ToArray(),
        "invalid UTF-8 in an array" => [],
        "deep array" => Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)),
        "deep object in array" => Encoding.UTF8.GetBytes("[" + Good + "," + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000) + "]"),
        "broken array" => Encoding.UTF8.GetBytes("[" + Good + "," + Good),
        "data after array" => Encoding.UTF8.GetBytes("[" + Good + "] " + Good),
        "oversized" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Good + "\n", 17 * 1024 * 1024 / Good.Length))),
        "too many messages" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{}\n", 100_001))),
        _ => throw new ArgumentOutOfRangeException(nameof(what), what, "no such hostile body"),
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_bodies_are_refused_whole(string what, HttpStatusCode expected)
    {
        var body = HostileBody(what);
        var (team, token, before) = await SeededAsync();
        using var client = app.ClientWith(token);
        using var content = new ByteArrayContent(FixInvalidUtf8(what, body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace((await Json.ReadAsync(response))!["detail"]?.GetValue<string>()), what);
        Assert.Equal(before, await app.SnapshotAsync(team));
    }

    [Fact]
    public async Task A_deep_ndjson_line_is_a_rejected_message_not_a_crash()
    {
        var (team, token, before) = await SeededAsync();
        var deep = string.Concat(Enumerable.Repeat("{\"source\":", 2_000)) + "1" + new string('}', 2_000);
        var answer = await app.PostMessagesAsync(team, token, deep);

        Assert.Equal(1, answer["rejected"]!.GetValue<long>());
        Assert.Equal(before, await app.SnapshotAsync(team));
    }

    [Fact]
    public async Task An_ndjson_line_that_is_not_utf8_is_rejected_alone_and_the_other_lines_applied()
    {
        var (team, token, _) = await SeededAsync();
        using var client = app.ClientWith(token);
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"source\":{\"label\":\"Server\",\"name\":\"utf8-before\"}}\n"), .. InvalidUtf8Message, .. "\n{\"source\":{\"label\":\"Server\",\"name\":\"utf8-after\"}}\n"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        var answer = (await Json.ReadAsync(await client.PostAsync($"/v1/teams/{team}/messages", content)))!;

        Assert.Equal((3L, 2L, 1L), (answer["received"]!.GetValue<long>(), answer["accepted"]!.GetValue<long>(), answer["rejected"]!.GetValue<long>()));
        var rejection = Assert.Single(answer["rejections"]!.AsArray())!;
        Assert.Equal(("line 2", "$ is not valid UTF-8"), (rejection["origin"]!.GetValue<string>(), rejection["reason"]!.GetValue<string>()));
        Assert.NotNull(await app.Store.GetNodeAsync(TeamName.Parse(team), "Server", "utf8-before", default));
        Assert.NotNull(await app.Store.GetNodeAsync(TeamName.Parse(team), "Server", "utf8-after", default));
    }

    // C# literals cannot hold invalid UTF-8: raw 0xFF 0xFE bytes inside a message's name.
    private static byte[] InvalidUtf8Message => [.. "{\"source\":{\"label\":\"Server\",\"name\":\""u8, 0xFF, 0xFE, .. "\"}}"u8];

    private static byte[] FixInvalidUtf8(string what, byte[] body) =>
        what == "invalid UTF-8 in an array" ? [.. Encoding.UTF8.GetBytes("[" + Good + ","), .. InvalidUtf8Message, (byte)']'] : body;

    private async Task<(string Team, string Token, string Before)> SeededAsync()
    {
        var (team, token) = await app.CreateTeamAsync();
        await app.PostMessagesAsync(team, token, Good);
        var before = await app.SnapshotAsync(team);
        Assert.NotEqual("", before);
        return (team, token, before);
    }
}
