using System.Net;
using System.Net.Sockets;
using System.Text;
using Depc.Server.Tests.Support;

namespace Depc.Server.Tests.Apis;

/// <summary>The same API over a real Kestrel socket: encoded slashes, streaming, and Kestrel's own body handling.</summary>
public sealed class KestrelSocketTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    [Fact]
    public async Task A_node_named_like_a_sub_resource_is_reached_with_an_encoded_slash()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        await PostAsync(client, team, """
            {"source":{"label":"Job","name":"a/count"},"target":{"label":"Job","name":"b"}}
            {"source":{"label":"Job","name":"a"},"target":{"label":"Job","name":"c"}}
            {"source":{"label":"Job","name":"a"},"target":{"label":"Job","name":"d"}}
            """);

        Json.Equal(Json.Of(new { count = 2 }), await GetAsync(client, $"/v1/teams/{team}/labels/Job/nodes/a/count"));
        Json.Equal(Json.Of(new { name = "a/count" }), await GetAsync(client, $"/v1/teams/{team}/labels/Job/nodes/a%2Fcount?alone=true"));
        Json.Equal(Json.Of(new { count = 1 }), await GetAsync(client, $"/v1/teams/{team}/labels/Job/nodes/a%2Fcount/count"));
    }

    [Fact]
    public async Task Impacted_all_streams_every_impacted_node()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        const int Count = 5_000;
        var lines = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            lines.Append("{\"source\":{\"label\":\"Site\",\"name\":\"site").Append(i).Append("\"},\"target\":{\"label\":\"Db\",\"name\":\"main\"}}\n");
        }

        // Two requests: each stays under the small body limit of this server.
        var text = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await PostAsync(client, team, string.Join('\n', text[..(Count / 2)]));
        await PostAsync(client, team, string.Join('\n', text[(Count / 2)..]));

        using var response = await client.GetAsync($"/v1/teams/{team}/labels/Db/nodes/main/impacted/all?impactedLabel=Site", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var all = (await Json.ReadAsync(response))!.AsArray();
        Assert.Equal(Count, all.Count);
        Assert.All(all, n => Assert.True(n!["active"]!.GetValue<bool>()));
        Json.Equal(Json.Of(new { count = Count }), await GetAsync(client, $"/v1/teams/{team}/labels/Db/nodes/main/impacted/count?impactedLabel=Site"));
    }

    [Fact]
    public async Task An_oversized_body_is_413_even_without_a_content_length()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var client = server.ClientWith(token);
        var line = """{"source":{"label":"Server","name":"x"}}""" + "\n";
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, (int)(KestrelServer.MaxRequestBytes / line.Length) + 10)));

        using var known = new ByteArrayContent(body);
        known.Headers.ContentType = new("application/x-ndjson");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync($"/v1/teams/{team}/messages", known)).StatusCode);

        using var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new("application/x-ndjson");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/teams/{team}/messages") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Json.Equal(Json.Of(Array.Empty<string>()), await GetAsync(client, $"/v1/teams/{team}/labels"));
    }

    [Fact]
    public async Task A_raw_request_with_a_broken_path_is_a_4xx()
    {
        var (team, token) = await server.CreateTeamAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var stream = socket.GetStream();
        var request = $"GET /v1/teams/{team}/labels/Server/nodes/%ff%fe/../../x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = await new StreamReader(stream).ReadToEndAsync();
        var status = int.Parse(answer.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(status, 400, 499);
    }

    [Fact]
    public async Task Health_is_open_and_ready()
    {
        using var client = server.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task PostAsync(HttpClient client, string team, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await Json.ReadAsync(response))!["rejected"]!.GetValue<long>());
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await Json.ReadAsync(response);
    }
}
