using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Depc.Web.Tests.Support;

/// <summary>
/// The real <c>depc serve</c>, built next to the tests, as a child process on a free loopback port and a temp
/// SQLite file, with one team created by <c>depc team create</c> before it starts.
/// </summary>
public sealed class DepcServe : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DepcServe(string folder, Process process, Uri baseAddress, string team, string token, string adminToken)
    {
        AdminToken = adminToken;
        _folder = folder;
        _process = process;
        BaseAddress = baseAddress;
        Team = team;
        Token = token;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string Team { get; }

    public string Token { get; }

    /// <summary>The admin token the server was started with (<c>DEPC_ADMIN_TOKEN</c>).</summary>
    public string AdminToken { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<DepcServe> StartAsync(string team)
    {
        var folder = Directory.CreateTempSubdirectory("depc-web-tests-").FullName;
        var store = "sqlite:" + Path.Combine(folder, "graph.db");
        var created = await RunToEndAsync(folder, ["team", "create", team, "--store", store]);
        var token = JsonNode.Parse(created)!["token"]!.GetValue<string>();

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = StartInfo(folder, ["serve", "--store", store, "--urls", baseAddress.ToString()]);
        var adminToken = "web-tests-admin-" + Guid.NewGuid().ToString("N");
        start.Environment["DEPC_ADMIN_TOKEN"] = adminToken;
        var serve = new DepcServe(folder, Process.Start(start)!, baseAddress, team, token, adminToken);
        await serve.WaitUntilLiveAsync();
        return serve;
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return client;
    }

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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned eventually.
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"depc serve exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Log}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"depc serve did not become ready within 60 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static async Task<string> RunToEndAsync(string folder, string[] args)
    {
        var start = StartInfo(folder, args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"depc {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private static ProcessStartInfo StartInfo(string folder, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "depc.dll");
        Assert.True(File.Exists(dll), $"depc.dll not found in {AppContext.BaseDirectory}");
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DEPC_STORE");
        return start;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
