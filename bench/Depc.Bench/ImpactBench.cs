using System.Diagnostics;
using Depc.Core.Queries;
using Depc.Sqlite;
using Depc.StoreScenarios;

namespace Depc.Bench;

/// <summary><c>impacted</c> on the diamond graph (30 layers of 10, 10^29 paths) and on a tree of about a million nodes.</summary>
internal static class ImpactBench
{
    public static async Task RunAsync(int treeNodes, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("depc-impact-").FullName;
        try
        {
            await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(folder, "impact.db"), CancellationToken.None);
            var driver = new StoreDriver(store);

            var diamond = ScenarioTeams.New("diamond");
            var lines = ScenarioGraphs.Diamond();
            await driver.IngestInBatchesAsync(diamond, lines, 10_000);
            var (ms, count) = await MeasureAsync(store, diamond, "L29", "n0", "L0", 20);
            output.WriteLine($"impacted: diamond 30x10 (2,900 links): {ms:F2} ms per query, {count} impacted of L0");

            var tree = ScenarioTeams.New("tree");
            var total = await BuildTreeAsync(driver, tree, treeNodes);
            (ms, count) = await MeasureAsync(store, tree, "Root", "root", "Leaf", 3);
            output.WriteLine($"impacted: tree of {total:N0} nodes: {ms:F0} ms per query, {count:N0} impacted leaves");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Root ← 100 Zone ← 100 Rack each ← leaves: every node depends on its parent.</summary>
    private static async Task<int> BuildTreeAsync(StoreDriver driver, Depc.Core.Naming.TeamName team, int nodes)
    {
        var leavesPerRack = Math.Max(1, (nodes - 10_101) / 10_000);
        var batch = new List<string>(10_000);
        var total = 1;
        async Task Add(string line)
        {
            batch.Add(line);
            total++;
            if (batch.Count == 10_000)
            {
                await driver.IngestAsync(team, [.. batch]);
                batch.Clear();
            }
        }

        for (var z = 0; z < 100; z++)
        {
            await Add($$$"""{"source":{"label":"Zone","name":"z{{{z}}}"},"target":{"label":"Root","name":"root"},"rel":{"from":1}}""");
            for (var r = 0; r < 100; r++)
            {
                await Add($$$"""{"source":{"label":"Rack","name":"r{{{z}}}-{{{r}}}"},"target":{"label":"Zone","name":"z{{{z}}}"},"rel":{"from":1}}""");
                for (var l = 0; l < leavesPerRack; l++)
                {
                    await Add($$$"""{"source":{"label":"Leaf","name":"l{{{z}}}-{{{r}}}-{{{l}}}"},"target":{"label":"Rack","name":"r{{{z}}}-{{{r}}}"},"rel":{"from":1}}""");
                }
            }
        }

        await driver.IngestAsync(team, [.. batch]);
        return total;
    }

    private static async Task<(double Ms, int Count)> MeasureAsync(SqliteGraphStore store, Depc.Core.Naming.TeamName team, string label, string name, string impactedLabel, int runs)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var graph = (await store.GetImpactSubgraphAsync(team, label, name, CancellationToken.None))!;
            count = ImpactAnalysis.Compute(graph, impactedLabel, 10).Count;
        }

        return (watch.Elapsed.TotalMilliseconds / runs, count);
    }
}
