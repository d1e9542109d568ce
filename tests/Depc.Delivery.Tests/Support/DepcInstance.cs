using System.Diagnostics;
using Depc.Testing.Processes;

namespace Depc.Delivery.Tests.Support;

/// <summary>
/// One real <c>depc serve</c> consuming one team's topic of the mock cluster into a store, as a child process in a
/// folder of its own, with an admin token to read everything back through the public API. Kafka's group timing is
/// shortened (a restart waits for the killed member's session to end) so a campaign of kills stays within minutes.
/// </summary>
internal sealed class DepcInstance : IAsyncDisposable
{
    public const string AdminToken = "delivery-tests-admin-token-0123456789";

    private DepcInstance(DepcServeProcess server, string team)
    {
        Server = server;
        Team = team;
        Admin = server.Client(AdminToken, TimeSpan.FromSeconds(60));
    }

    public DepcServeProcess Server { get; }

    public string Team { get; }

    public HttpClient Admin { get; }

    public static async Task<DepcInstance> StartAsync(string folder, string store, string bootstrap, string team, string group, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Directory.CreateDirectory(folder);
        var variables = new Dictionary<string, string?>
        {
            ["DEPC_ADMIN_TOKEN"] = AdminToken,
            ["DEPC_KAFKA__GROUPID"] = group,
            ["DEPC_KAFKA__TOPICPATTERN"] = "^depc\\." + team + "$",
            ["DEPC_KAFKA__SESSIONTIMEOUT"] = "00:00:03",
            ["DEPC_KAFKA__GROUPHEARTBEATINTERVAL"] = "00:00:00.500",
            ["DEPC_KAFKA__TOPICREFRESHINTERVAL"] = "00:00:01",
            ["DEPC_KAFKA__COMMITINTERVAL"] = "00:00:00.500",
            ["DEPC_KAFKA__RETRYMAXDELAY"] = "00:00:01",
            ["DEPC_KAFKA__MAXBATCHDELAY"] = "00:00:00.050",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(folder, ["--store", store, "--kafka-bootstrap", bootstrap]) { Environment = variables });
        return new DepcInstance(server, team);
    }

    public Task<(long Received, long Accepted, long Rejected, long Duplicates)> CountsAsync() => ApiGraph.CountsAsync(Admin, Team);

    public Task<string> GraphAsync() => ApiGraph.DumpAsync(Admin, Team);

    /// <summary>Waits until the team's counts say <paramref name="received"/> messages were received (the store may be unavailable meanwhile); fails with the server's log otherwise.</summary>
    public async Task WaitReceivedAsync(long received, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = 0L;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = (await CountsAsync()).Received;
                if (last >= received)
                {
                    return;
                }
            }
            catch (InvalidOperationException e) when (e.Message.Contains(" answered 503", StringComparison.Ordinal))
            {
                // The store is unavailable meanwhile (what some tests wait out): the counts are not readable yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Team} received {last} of {received} messages within {timeout}:\n{Tail(Server.Log)}");
    }

    /// <summary>Waits until the counts grow past <paramref name="received"/> (consumption resumed after a restart), at most <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitProgressAsync(long received, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if ((await CountsAsync()).Received > received)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Killed meanwhile.
                return false;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(80));

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
    }
}
