using System.Diagnostics;
using Depc.Core.Activity;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Sqlite;

namespace Depc.Bench.Scale;

/// <summary>
/// The queries a user runs on a large file, in-process on the store: node lookup, a node's dependencies on a day,
/// and the impacted websites of the busiest server found among a sample, on the corpus's last day. First call and
/// p50/p99 of the following.
/// </summary>
internal static class ScaleQueries
{
    public static async Task RunAsync(string path, int messages, TextWriter output)
    {
        var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var team = TeamName.Parse("bench");
            var random = new Random(7);
            // The corpus's last day: servers carry the time of their last re-send as from, so earlier days find most
            // of them not yet active (and the answers nearly empty).
            var end = Corpus.Epoch + messages - 1;
            var day = UtcDay.Of(DateTimeOffset.FromUnixTimeSeconds(end));
            output.WriteLine($"queries on the {messages:N0}-message file ({new FileInfo(path).Length / 1e6:F0} MB), day {day}:");

            await MeasureAsync("node lookup", 2000, output, async () =>
            {
                var node = await store.GetNodeAsync(team, "Server", $"srv{random.Next(50_000)}.dc1.example.net", CancellationToken.None).ConfigureAwait(false);
                return node is null ? 0 : 1;
            }).ConfigureAwait(false);

            await MeasureAsync("dependencies of a website on a day", 200, output, async () =>
            {
                var name = $"site-{random.Next(20_000)}.example.com";
                var node = await store.GetNodeAsync(team, "Website", name, CancellationToken.None).ConfigureAwait(false);
                var neighbours = await store.GetNeighboursAsync(team, "Website", name, Direction.Dependencies, CancellationToken.None).ConfigureAwait(false);
                return DependencyQuery.Build(node!, neighbours, Direction.Dependencies, day, includeInactive: false).Graph.Relationships.Count;
            }).ConfigureAwait(false);

            var busiest = await BusiestServerAsync(store, team, random).ConfigureAwait(false);
            await MeasureAsync($"impacted websites of the busiest sampled server ({busiest})", 50, output, async () =>
            {
                var subgraph = await store.GetImpactSubgraphAsync(team, "Server", busiest, CancellationToken.None).ConfigureAwait(false);
                return ImpactAnalysis.Compute(subgraph!, "Website", end).Count;
            }).ConfigureAwait(false);
        }
    }

    private static async Task<string> BusiestServerAsync(SqliteGraphStore store, TeamName team, Random random)
    {
        var (busiest, most) = ("", -1);
        for (var i = 0; i < 50; i++)
        {
            var name = $"srv{random.Next(50_000)}.dc1.example.net";
            var dependents = await store.GetNeighboursAsync(team, "Server", name, Direction.Dependents, CancellationToken.None).ConfigureAwait(false);
            if (dependents.Count > most)
            {
                (busiest, most) = (name, dependents.Count);
            }
        }

        return busiest;
    }

    private static async Task MeasureAsync(string what, int repeats, TextWriter output, Func<Task<int>> query)
    {
        var watch = Stopwatch.StartNew();
        var size = await query().ConfigureAwait(false);
        var first = watch.Elapsed;
        var times = new double[repeats];
        long total = 0;
        for (var i = 0; i < repeats; i++)
        {
            watch.Restart();
            total += await query().ConfigureAwait(false);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        output.WriteLine(
            $"  {what}: first {first.TotalMilliseconds:F2} ms ({size} results), then p50 {times[repeats / 2]:F2} ms, p99 {times[(int)(repeats * 0.99)]:F2} ms over {repeats} ({total / (double)repeats:F0} results each)");
    }
}
