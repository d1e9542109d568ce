using System.Text;
using System.Text.Json.Nodes;
using Depc.Testing.Processes;

namespace Depc.Web.Tests.Support;

/// <summary>
/// The real <c>depc serve</c>, built next to the tests, as a child process on a free loopback port and a temp
/// SQLite file, with one team created by <c>depc team create</c> before it starts.
/// </summary>
public sealed class DepcServe : IAsyncDisposable
{
    private readonly string _folder;
    private readonly DepcServeProcess _server;

    private DepcServe(string folder, DepcServeProcess server, string team, string token, string adminToken)
    {
        AdminToken = adminToken;
        _folder = folder;
        _server = server;
        Team = team;
        Token = token;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public string Team { get; }

    public string Token { get; }

    /// <summary>The admin token the server was started with (<c>DEPC_ADMIN_TOKEN</c>).</summary>
    public string AdminToken { get; }

    public string Log => _server.Log;

    public static async Task<DepcServe> StartAsync(string team)
    {
        var folder = Directory.CreateTempSubdirectory("depc-web-tests-").FullName;
        var store = "sqlite:" + Path.Combine(folder, "graph.db");
        var created = (await DepcCommand.RunAsync(folder, ["team", "create", team, "--store", store])).OutputOfSuccess();
        var token = JsonNode.Parse(created)!["token"]!.GetValue<string>();

        var adminToken = "web-tests-admin-" + Guid.NewGuid().ToString("N");
        var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(folder, ["--store", store])
        {
            Environment = new Dictionary<string, string?> { ["DEPC_ADMIN_TOKEN"] = adminToken },
            ReadyPath = "/health/ready",
        });
        return new DepcServe(folder, server, team, token, adminToken);
    }

    public HttpClient Client(string? token = null) => _server.Client(token ?? Token);

    /// <summary>A new team through the admin API; its token.</summary>
    public async Task<(string Team, string Token)> CreateTeamAsync()
    {
        var team = "web-" + Guid.NewGuid().ToString("N")[..8];
        using var admin = Client(AdminToken);
        using var body = new StringContent(new JsonObject { ["name"] = team }.ToJsonString(), Encoding.UTF8, "application/json");
        var created = await ReadOkAsync(await admin.PostAsync("/v1/teams", body));
        return (team, created["token"]!.GetValue<string>());
    }

    /// <summary>Replaces a team's token through the admin API: the old one stops working at once.</summary>
    public async Task RotateTokenAsync(string team)
    {
        using var admin = Client(AdminToken);
        await ReadOkAsync(await admin.PostAsync($"/v1/teams/{team}/token", null));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var client = Client();
        return await ReadOkAsync(await client.GetAsync(path));
    }

    /// <summary>Sends NDJSON through the HTTP ingestion route, as a team's producer would.</summary>
    public async Task<JsonNode> IngestAsync(IEnumerable<string> lines)
    {
        using var client = Client();
        using var body = new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson");
        return await ReadOkAsync(await client.PostAsync($"/v1/teams/{Team}/messages", body));
    }

    private static async Task<JsonNode> ReadOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned eventually.
        }
    }
}
