using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Depc.Server.Tests.Support;

/// <summary>
/// The real thing: <see cref="DepcServer.Build"/> on a Kestrel socket at 127.0.0.1 (a free port), on a temp SQLite file;
/// a subclass adds its own settings.
/// </summary>
public class KestrelServer : IAsyncLifetime
{
    public const long MaxRequestBytes = 256 * 1024;

    private WebApplication? _app;

    public string DatabasePath { get; } = TempDatabaseFile.NewPath();

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>More command-line settings, after the ones above.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public async Task InitializeAsync()
    {
        _app = DepcServer.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Depc:Store", "sqlite:" + DatabasePath,
            "--Depc:AdminToken", DepcAppFactory.AdminToken,
            "--Depc:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--environment", "Production",
            .. Settings,
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public HttpClient ClientWith(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<(string Team, string Token)> CreateTeamAsync()
    {
        var team = UniqueTeams.Team("k");
        using var admin = ClientWith(DepcAppFactory.AdminToken);
        var response = await admin.PostAsJsonAsync("/v1/teams", new { name = team });
        response.EnsureSuccessStatusCode();
        return (team, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        TempDatabaseFile.Delete(DatabasePath);
    }
}
