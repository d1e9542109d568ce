using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Depc.Server.Tests.Support;

/// <summary>The whole service in memory (<c>WebApplicationFactory</c>) on a fresh SQLite file per test class.</summary>
public sealed class DepcAppFactory : WebApplicationFactory<Program>
{
    public const string AdminToken = "admin-token-for-the-tests-0123456789";

    public string DatabasePath { get; } = TempDatabaseFile.NewPath();

    public IGraphStore Store => Services.GetRequiredService<IGraphStore>();

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Admin() => ClientWith(AdminToken);

    /// <summary>Creates a team with a unique name through the admin API; returns its name and token.</summary>
    public async Task<(string Team, string Token)> CreateTeamAsync(string prefix = "t")
    {
        var team = UniqueTeams.Team(prefix);
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/v1/teams", new { name = team });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (team, body["token"]!.GetValue<string>());
    }

    public async Task<JsonNode> PostMessagesAsync(string team, string token, string ndjson)
    {
        using var client = ClientWith(token);
        using var content = new StringContent(ndjson, System.Text.Encoding.UTF8, "application/x-ndjson");
        var response = await client.PostAsync($"/v1/teams/{team}/messages", content);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Everything a team's graph holds, read through the store: labels, names and each node's neighbours.</summary>
    public Task<string> SnapshotAsync(string team) => StoreScenarios.GraphSnapshot.CaptureAsync(Store, TeamName.Parse(team));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Depc:Store", "sqlite:" + DatabasePath);
        builder.UseSetting("Depc:AdminToken", AdminToken);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        TempDatabaseFile.Delete(DatabasePath);
    }
}
