using System.Diagnostics;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Sqlite;
using Depc.StoreScenarios;

namespace Depc.Bench;

/// <summary>
/// <c>impacted</c> and <c>why</c> on the diamond graph (30 layers of 10, 10^29 paths) and on a tree of about a million
/// nodes, on SQLite: a query is the subgraph read plus the analysis and the whole list sorted by name, with witness
/// chains (<c>--paths</c>) or without, and the first page of 25 as the HTTP API answers it.
/// </summary>
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
            await driver.IngestInBatchesAsync(diamond, ScenarioGraphs.Diamond(), 10_000);
            await ReportAsync(store, diamond, ("L29", "n0"), "L0", ("L0", "n7"), 20, "diamond 30x10 (2,900 links)", output);

            var tree = ScenarioTeams.New("tree");
            var total = await BuildTreeAsync(driver, tree, treeNodes);
            await ReportAsync(store, tree, ("Root", "root"), "Leaf", ("Leaf", "l42-42-0"), 3, $"tree of {total:N0} nodes", output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ReportAsync(
        SqliteGraphStore store, TeamName team, (string Label, string Name) root, string impactedLabel, (string Label, string Name) leaf, int runs, string what, TextWriter output)
    {
        var count = 0;
        var read = await MeasureAsync(runs, async () => (await store.GetImpactSubgraphAsync(team, root.Label, root.Name, CancellationToken.None))!.NodeCount);
        var plain = await MeasureAsync(runs, async () => count = await ListAsync(store, team, root, impactedLabel, withPaths: false, page: null));
        var paths = await MeasureAsync(runs, () => ListAsync(store, team, root, impactedLabel, withPaths: true, page: null));
        var page = await MeasureAsync(runs, () => ListAsync(store, team, root, impactedLabel, withPaths: true, page: 25));
        var why = await MeasureAsync(runs, async () =>
            (await TimeTravelQueries.WhyAsync(store, team, new NodeKey(root.Label, root.Name), new NodeKey(leaf.Label, leaf.Name), 10, CancellationToken.None)).Answer!.Path.Count);
        output.WriteLine($"impacted: {what}: {plain:F1} ms per query, {count:N0} impacted of {impactedLabel} (mean of {runs}, each: subgraph read, analysis, whole list sorted)");
        output.WriteLine($"  subgraph read {read,8:F1} ms | with paths {paths,8:F1} ms | first 25 with paths {page,8:F1} ms | why {why,8:F1} ms");
    }

    private static async Task<int> ListAsync(SqliteGraphStore store, TeamName team, (string Label, string Name) root, string impactedLabel, bool withPaths, int? page)
    {
        var graph = (await store.GetImpactSubgraphAsync(team, root.Label, root.Name, CancellationToken.None))!;
        var listed = ImpactAnalysis.Analyze(graph, impactedLabel, 10).Select(includeInactive: true, activeFirst: false, withPaths);
        return (page is { } size ? listed.Take(size) : listed).Count();
    }

    /// <summary>The mean of <paramref name="runs"/>, in ms (as the figure of earlier versions, to compare with).</summary>
    private static async Task<double> MeasureAsync(int runs, Func<Task<int>> query)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            await query();
        }

        return clock.Elapsed.TotalMilliseconds / runs;
    }

    /// <summary>Root ← 100 Zone ← 100 Rack each ← leaves: every node depends on its parent.</summary>
    private static async Task<int> BuildTreeAsync(StoreDriver driver, TeamName team, int nodes)
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
}
