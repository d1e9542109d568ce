using System.Diagnostics;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Neo4j;

namespace Depc.Bench.Neo4j;

/// <summary>The time-travel figures of the Neo4j store: impacted and why on a tree, diff windows over a written team.</summary>
internal static class Neo4jTimeTravel
{
    private const long Now = 1_704_067_200;

    /// <summary>Root ← 100 Rack ← leaves, written in batches; then impacted (all, sorted; with paths) and why of one leaf.</summary>
    public static async Task TreeAsync(Neo4jGraphStore store, int nodes, int batchSize, TextWriter output)
    {
        var team = TeamName.Parse("bench-tree-" + Guid.NewGuid().ToString("N")[..8]);
        var leaves = Math.Max(1, (nodes - 101) / 100);
        var messages = Enumerable.Range(0, 100).Select(r => Link("Rack", $"r{r}", "Root", "root"))
            .Concat(Enumerable.Range(0, 100 * leaves).Select(l => Link("Leaf", $"l{l}", "Rack", $"r{l % 100}")))
            .ToList();
        var clock = Stopwatch.StartNew();
        foreach (var chunk in messages.Chunk(batchSize))
        {
            await store.ApplyAsync(BatchPlanner.Plan(team, chunk, Now), CancellationToken.None);
        }

        output.WriteLine($"neo4j: tree of {messages.Count + 1:N0} nodes written in {clock.Elapsed.TotalSeconds:F0} s");
        var count = 0;
        var plain = await BestAsync(async () =>
        {
            var graph = (await store.GetImpactSubgraphAsync(team, "Root", "root", CancellationToken.None))!;
            count = ImpactAnalysis.Compute(graph, "Leaf", Now).Count;
        });
        var paths = await BestAsync(async () =>
        {
            var graph = (await store.GetImpactSubgraphAsync(team, "Root", "root", CancellationToken.None))!;
            _ = ImpactAnalysis.Compute(graph, "Leaf", Now, withPaths: true).Count;
        });
        var why = await BestAsync(() => TimeTravelQueries.WhyAsync(store, team, new NodeKey("Root", "root"), new NodeKey("Leaf", "l42"), Now, CancellationToken.None));
        output.WriteLine($"neo4j: impacted on the tree ({count:N0} leaves): {plain:F0} ms, with paths {paths:F0} ms; why of one leaf {why:F0} ms");
    }

    /// <summary>Diff windows over the team written by the throughput run (relationship i opened at 1,600,000,000 + i).</summary>
    public static async Task DiffAsync(Neo4jGraphStore store, TeamName team, int relationships, TextWriter output)
    {
        const long start = 1_600_000_000;
        foreach (var span in new long[] { 60, 3_600, relationships })
        {
            var query = new DiffQuery(start + (relationships / 2), start + (relationships / 2) + span);
            var appeared = 0;
            var ms = await BestAsync(async () => appeared = (await TimeTravelQueries.DiffAsync(store, team, query, CancellationToken.None)).Answer!.Appeared.Relationships.Count);
            output.WriteLine($"neo4j: diff over {span:N0} s of a {relationships:N0}-relationship team: {ms:F0} ms, {appeared:N0} appeared");
        }
    }

    private static GraphMessage Link(string sourceLabel, string source, string targetLabel, string target) =>
        new(new NodeSpec(sourceLabel, source), new NodeSpec(targetLabel, target), new RelSpec(1, null));

    private static async Task<double> BestAsync(Func<Task> run)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
