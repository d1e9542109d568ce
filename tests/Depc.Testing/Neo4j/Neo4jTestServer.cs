using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Depc.Testing.Neo4j;

/// <summary>
/// A real Neo4j 3.1.1 server on free local ports with a fresh database in a temporary folder,
/// started as <c>bin/neo4j console</c> (recipe: /work/shared/TESTING.md). Basic auth is on,
/// so every test goes through it. Dispose stops the whole process tree and deletes the folder.
/// </summary>
public sealed class Neo4jTestServer : IAsyncDisposable
{
    public const string User = "neo4j";
    public const string Password = "depc-test-pw";

    private static readonly string[] OpenedPackages =
    [
        "java.lang", "java.lang.reflect", "java.nio", "sun.nio.ch", "java.util", "java.io", "jdk.internal.misc",
        "java.util.concurrent", "java.util.concurrent.atomic", "java.net", "sun.nio.fs", "jdk.internal.ref",
    ];

    private readonly string _distribution;
    private readonly Queue<string> _console = new();
    private Process? _process;

    private Neo4jTestServer(string distribution, string home, int httpPort, int boltPort)
    {
        _distribution = distribution;
        Home = home;
        HttpPort = httpPort;
        BoltPort = boltPort;
    }

    public string Home { get; }

    public int HttpPort { get; }

    public int BoltPort { get; }

    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>The store selection string for this server, password included.</summary>
    public string StoreSpec => $"neo4j:http://{User}:{Password}@127.0.0.1:{HttpPort}";

    public static async Task<Neo4jTestServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var distribution = await Neo4jDistribution.EnsureAsync(cancellationToken);
        var home = Directory.CreateTempSubdirectory("depc-neo4j-").FullName;
        var server = new Neo4jTestServer(distribution, home, FreePort(), FreePort());
        try
        {
            await server.ConfigureAsync(cancellationToken);
            await server.StartProcessAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server as a crash would: no clean shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }
    }

    /// <summary>Starts the server again on the same data and ports.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a run for.
        }
    }

    /// <summary>The CPU time the server has used since it started (zero once it is stopped).</summary>
    public TimeSpan ProcessorTime => _process is { } process ? Processes.ProcessorTime.OfTree(process.Id) : TimeSpan.Zero;

    public string LogTail()
    {
        var text = new StringBuilder();
        lock (_console)
        {
            text.AppendJoin('\n', _console);
        }

        var debug = Path.Combine(Home, "logs", "debug.log");
        if (File.Exists(debug))
        {
            var lines = File.ReadAllLines(debug);
            text.Append("\n--- logs/debug.log (tail) ---\n").AppendJoin('\n', lines.TakeLast(40));
        }

        return text.ToString();
    }

    private async Task ConfigureAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(Home, "conf"));
        Directory.CreateDirectory(Path.Combine(Home, "logs"));
        Directory.CreateDirectory(Path.Combine(Home, "plugins"));
        var original = await File.ReadAllLinesAsync(Path.Combine(_distribution, "conf", "neo4j.conf"), cancellationToken);
        var conf = original
            .Where(l => !l.Contains("TrustFinalNonStaticFields", StringComparison.Ordinal)
                && !l.Contains("AlwaysPreTouch", StringComparison.Ordinal)
                && !l.StartsWith("dbms.connector.https.enabled", StringComparison.Ordinal)
                && !l.StartsWith("dbms.security.auth_enabled", StringComparison.Ordinal))
            .ToList();
        conf.Add($"dbms.directories.lib={Path.Combine(_distribution, "lib")}");
        conf.Add("dbms.connector.https.enabled=false");
        conf.Add($"dbms.connector.http.listen_address=127.0.0.1:{HttpPort}");
        conf.Add($"dbms.connector.bolt.listen_address=127.0.0.1:{BoltPort}");
        conf.Add("dbms.memory.pagecache.size=64m");
        conf.Add("dbms.memory.heap.initial_size=256m");
        conf.Add("dbms.memory.heap.max_size=512m");
        conf.Add("dbms.security.auth_enabled=true");
        conf.AddRange(OpenedPackages.Select(p => $"dbms.jvm.additional=--add-opens=java.base/{p}=ALL-UNNAMED"));
        conf.Add("dbms.jvm.additional=--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        await File.WriteAllLinesAsync(Path.Combine(Home, "conf", "neo4j.conf"), conf, cancellationToken);

        await Neo4jDistribution.RunAsync(
            Path.Combine(_distribution, "bin", "neo4j-admin"),
            ["set-initial-password", Password],
            Home,
            TimeSpan.FromMinutes(2),
            cancellationToken,
            new Dictionary<string, string> { ["NEO4J_HOME"] = Home, ["JAVA_OPTS"] = "--add-opens=java.base/java.lang=ALL-UNNAMED" });
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        // The watchdog stops the server when the test process dies without disposing it (killed, crashed).
        const string Watchdog = "\"$0\" console & server=$!; trap 'kill $server' TERM; " +
            "while kill -0 \"$1\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; kill $server 2>/dev/null; wait $server";
        var info = new ProcessStartInfo("setsid", ["bash", "-c", Watchdog, Path.Combine(_distribution, "bin", "neo4j"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = Home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["NEO4J_HOME"] = Home;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start neo4j");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Neo4j exited with code {process.ExitCode} before answering on {HttpUri}. Log tail:\n{LogTail()}");
            }

            try
            {
                using var answer = await http.GetAsync(HttpUri, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new InvalidOperationException($"Neo4j did not answer on {HttpUri} within 90 s. Log tail:\n{LogTail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_console)
        {
            _console.Enqueue(line);
            if (_console.Count > 60)
            {
                _console.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
