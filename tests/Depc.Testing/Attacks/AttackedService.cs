using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Depc.Testing.Processes;

namespace Depc.Testing.Attacks;

/// <summary>
/// A real <c>depc serve</c> child process on a SQLite file of its own, with two teams (an attacker and a victim), the
/// admin token, and a <see cref="MemoryWatch"/> that kills it past 2 GiB (so a failing attack cannot exhaust the
/// machine): what the attack tests and the attack benchmark run against.
/// </summary>
public sealed class AttackedService : IAsyncDisposable
{
    public const string AdminToken = "attack-tests-admin-token-0123456789";

    private AttackedService(DepcServeProcess server, string folder, MemoryWatch memory)
    {
        Server = server;
        Folder = folder;
        Memory = memory;
        Admin = server.Client(AdminToken, TimeSpan.FromSeconds(120));
    }

    public DepcServeProcess Server { get; }

    public string Folder { get; }

    public MemoryWatch Memory { get; }

    public HttpClient Admin { get; }

    /// <param name="environment">Settings for the process (e.g. <c>DEPC_KAFKA__BOOTSTRAPSERVERS</c>).</param>
    public static async Task<AttackedService> StartAsync(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory("depc-attack-").FullName;
        var variables = new Dictionary<string, string?>
        {
            ["DEPC_ADMIN_TOKEN"] = AdminToken,
            // Every probe request logged would bury what Depc says about the attack.
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(folder, ["--store", "sqlite:" + Path.Combine(folder, "depc.db")]) { Environment = variables });
        return new AttackedService(server, folder, new MemoryWatch(server.Process.Id, () => server.Process.Kill(true), killAbove: 2L << 30));
    }

    /// <summary>Creates a team; its token.</summary>
    public async Task<string> CreateTeamAsync(string team)
    {
        using var response = await Admin.PostAsJsonAsync("/v1/teams", new { name = team });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating team {team} answered {(int)response.StatusCode}: {body}");
        }

        return JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }

    /// <summary>The team's status counts: received, accepted, rejected, duplicates.</summary>
    public async Task<(long Received, long Accepted, long Rejected, long Duplicates)> CountsAsync(string team)
    {
        var status = JsonNode.Parse(await Admin.GetStringAsync($"/v1/teams/{team}/status"))!;
        return (Long("received"), Long("accepted"), Long("rejected"), Long("duplicates"));
        long Long(string key) => status[key]!.GetValue<long>();
    }

    /// <summary>The periods of the relationship from <c>App/source</c> to <c>Db/target</c>, read over HTTP.</summary>
    public async Task<JsonArray?> PeriodsAsync(string team, string source, string target)
    {
        var node = JsonNode.Parse(await Admin.GetStringAsync($"/v1/teams/{team}/labels/App/nodes/{Uri.EscapeDataString(source)}?inactive=true"))!;
        return node["dependencies"]?["Db"]?.AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == target)?["periods"]?.AsArray();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Memory.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a process being reaped: the temporary folder is left to the system.
        }
    }
}
