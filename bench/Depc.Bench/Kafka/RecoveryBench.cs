using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Depc.Core.Naming;
using Depc.Sqlite;
using Depc.Testing.Kafka;
using Depc.Testing.Processes;
using Microsoft.Data.Sqlite;

namespace Depc.Bench.Kafka;

/// <summary>
/// Recovery of the real <c>depc serve</c> (a child process, default Kafka group settings) on the mock cluster while a
/// producer keeps sending: (1) time from the restart after a SIGKILL to the first write, which waits for the killed
/// member's session to end; (2) whether a long store stall (the file locked by another writer for 20 s) costs the
/// member its partitions; (3) the same for the whole process frozen (SIGSTOP) for less and more than the session timeout.
/// </summary>
public static class RecoveryBench
{
    private const string AdminToken = "recovery-bench-admin-token-0123456789";
    private static readonly TeamName Team = TeamName.Parse("recovery");

    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var folder = Directory.CreateTempSubdirectory("depc-recovery-bench-").FullName;
        var database = Path.Combine(folder, "graph.db");
        using var cluster = new MockKafkaCluster();
        cluster.CreateTopic(Team.Topic, 4);
        using var stop = new CancellationTokenSource();
        var producing = ProduceAsync(cluster.BootstrapServers, stop.Token);
        try
        {
            await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(folder, ["--store", "sqlite:" + database, "--kafka-bootstrap", cluster.BootstrapServers])
            {
                Environment = new Dictionary<string, string?> { ["DEPC_ADMIN_TOKEN"] = AdminToken, ["DEPC_KAFKA__TOPICPATTERN"] = @"^depc\.recovery$" },
            });
            await using var counts = await SqliteGraphStore.OpenAsync(database, CancellationToken.None);
            await WaitWrittenAfterAsync(counts, 0, TimeSpan.FromSeconds(60));
            output.WriteLine("recovery: depc serve (default group settings: session 6 s, heartbeat 1 s) on the mock cluster, a producer sending all along");

            var restarts = new List<Restart>();
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(2_000);
                restarts.Add(await KillAndRestartAsync(server, counts));
            }

            output.WriteLine($"  restart after SIGKILL to first write: {string.Join(", ", restarts.Select(r => $"{r.Written.TotalSeconds:F1} s"))} (median {restarts.OrderBy(r => r.Written).ElementAt(1).Written.TotalSeconds:F1} s)");
            foreach (var restart in restarts)
            {
                output.WriteLine($"    after the restart: {restart}");
            }

            foreach (var (session, beat) in new[] { ("00:00:10", "00:00:02"), ("00:00:45", "00:00:03") })
            {
                var seconds = (TimeSpan.Parse(session, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds, TimeSpan.Parse(beat, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds);
                output.WriteLine($"  candidate session {seconds.Item1} s, heartbeat {seconds.Item2} s, after a SIGKILL and restart: {await RestartOnceAsync(cluster.BootstrapServers, session, beat)}");
            }

            // A store stalled 20 s (another writer holds the file): the consume thread goes on polling, heartbeats go on.
            await Task.Delay(3_000);
            var assignments = Assignments(server);
            await using (var locker = new SqliteConnection($"Data Source={database};Pooling=false"))
            {
                await locker.OpenAsync();
                await using var begin = locker.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
                await Task.Delay(20_000);
            }

            var stalledAt = await ReceivedAsync(counts);
            await WaitWrittenAfterAsync(counts, stalledAt, TimeSpan.FromSeconds(60));
            output.WriteLine($"  store stalled 20 s: {Verdict(Assignments(server) - assignments)}");

            foreach (var seconds in new[] { 3, 9 })
            {
                await Task.Delay(3_000);
                assignments = Assignments(server);
                Signal(server.Process.Id, "STOP");
                await Task.Delay(TimeSpan.FromSeconds(seconds));
                Signal(server.Process.Id, "CONT");
                await Task.Delay(10_000);
                output.WriteLine($"  process frozen {seconds} s (SIGSTOP): {Verdict(Assignments(server) - assignments)}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producing;
            Directory.Delete(folder, recursive: true);
        }
    }

    // Another server on a folder and group of its own, with other group settings: one restart after a SIGKILL.
    private static async Task<Restart> RestartOnceAsync(string bootstrap, string session, string heartbeat)
    {
        var folder = Directory.CreateTempSubdirectory("depc-recovery-candidate-").FullName;
        var database = Path.Combine(folder, "graph.db");
        try
        {
            await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(folder, ["--store", "sqlite:" + database, "--kafka-bootstrap", bootstrap])
            {
                Environment = new Dictionary<string, string?>
                {
                    ["DEPC_ADMIN_TOKEN"] = AdminToken,
                    ["DEPC_KAFKA__TOPICPATTERN"] = @"^depc\.recovery$",
                    ["DEPC_KAFKA__GROUPID"] = "candidate-" + session.Replace(':', '-'),
                    ["DEPC_KAFKA__SESSIONTIMEOUT"] = session,
                    ["DEPC_KAFKA__GROUPHEARTBEATINTERVAL"] = heartbeat,
                },
            });
            await using var counts = await SqliteGraphStore.OpenAsync(database, CancellationToken.None);
            await WaitWrittenAfterAsync(counts, 0, TimeSpan.FromSeconds(60));
            await Task.Delay(2_000);
            return await KillAndRestartAsync(server, counts);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // SIGKILL, start again, and time the steps from the restart: the process answering, its partitions assigned (on
    // the mock cluster, once the killed member's session has ended and the coordinator's rebalance delay has run),
    // the first write.
    private static async Task<Restart> KillAndRestartAsync(DepcServeProcess server, SqliteGraphStore counts)
    {
        await server.KillAsync();
        var before = await ReceivedAsync(counts);
        var assignments = Assignments(server);
        var clock = Stopwatch.StartNew();
        await server.StartAgainAsync();
        var ready = clock.Elapsed;
        TimeSpan? assigned = null;
        await WaitWrittenAfterAsync(counts, before, TimeSpan.FromSeconds(120), () => assigned ??= Assignments(server) > assignments ? clock.Elapsed : null);
        var written = clock.Elapsed;
        return new Restart(ready, assigned ?? written, written);
    }

    private sealed record Restart(TimeSpan Ready, TimeSpan Assigned, TimeSpan Written)
    {
        public override string ToString() =>
            $"process ready {Ready.TotalSeconds:F1} s, partitions assigned {Assigned.TotalSeconds:F1} s, first write {Written.TotalSeconds:F1} s";
    }

    private static string Verdict(int rebalances) =>
        rebalances == 0 ? "kept its partitions (no rebalance)" : $"evicted: {rebalances} new assignment(s) (a rebalance; the store's positions keep it exact)";

    // Each assignment logs event 3102 once.
    private static int Assignments(DepcServeProcess server) => server.Log.Split("[3102]").Length - 1;

    private static async Task<long> ReceivedAsync(SqliteGraphStore store) => (await store.ReadTeamCountsAsync(Team, CancellationToken.None)).Received;

    // Polls the store's count until it passes `before`; `eachPoll` runs at every poll.
    private static async Task WaitWrittenAfterAsync(SqliteGraphStore store, long before, TimeSpan timeout, Action? eachPoll = null)
    {
        var clock = Stopwatch.StartNew();
        while (await ReceivedAsync(store) <= before)
        {
            eachPoll?.Invoke();
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no write within {timeout}");
            }

            await Task.Delay(20);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    // Ten small messages every 100 ms, round the partitions, until stopped.
    private static Task ProduceAsync(string bootstrap, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, LingerMs = 5 }).Build();
        var i = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            for (var j = 0; j < 10; j++, i++)
            {
                producer.Produce(new TopicPartition(Team.Topic, i % 4), new Message<Null, byte[]> { Value = Encoding.UTF8.GetBytes($$$"""{"source": {"label": "Server", "name": "s{{{i}}}"}}""") });
            }

            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        producer.Flush(TimeSpan.FromSeconds(10));
    }, CancellationToken.None);
}
