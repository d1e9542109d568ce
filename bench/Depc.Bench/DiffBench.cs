using System.Diagnostics;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Sqlite;
using Depc.StoreScenarios;

namespace Depc.Bench;

/// <summary>
/// <c>diff</c> over a graph of a million relationships on SQLite: one opened every 30 s for a year, one in five closed a
/// day later, written in time order as a producer would. Windows from an hour to the whole year show that the cost
/// follows the changes in the window (read from the change index), not the graph; reading the whole graph is printed
/// beside them for scale.
/// </summary>
internal static class DiffBench
{
    private const long Start = 1_700_000_000;
    private const long Every = 30;
    private const long Day = 86_400;

    public static async Task RunAsync(int relationships, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("depc-diff-").FullName;
        try
        {
            await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(folder, "diff.db"), CancellationToken.None);
            var team = ScenarioTeams.New("diff");
            var clock = Stopwatch.StartNew();
            await new StoreDriver(store).IngestInBulkAsync(team, [.. Lines(relationships)], 20_000);
            output.WriteLine($"diff: {relationships:N0} relationships over {relationships * Every / Day:N0} days written in {clock.Elapsed.TotalSeconds:F1} s");

            var middle = Start + (relationships * Every / 2);
            foreach (var (name, span) in new[] { ("1 hour", 3_600L), ("1 day", Day), ("1 week", 7 * Day), ("30 days", 30 * Day), ("the whole year", relationships * Every) })
            {
                var from = span >= relationships * Every ? Start - 1 : middle;
                var query = new DiffQuery(from, from + span);
                var (ms, answer) = await MeasureAsync(store, team, query);
                output.WriteLine(
                    $"  diff over {name,-14}: {ms,9:F1} ms, {answer.Appeared.Relationships.Count,9:N0} appeared, {answer.Disappeared.Relationships.Count,9:N0} disappeared");
            }

            clock.Restart();
            var whole = await store.GetChangeCandidatesAsync(team, null, Start - 1, Start + (relationships * Every) + (2 * Day), CancellationToken.None);
            output.WriteLine($"  for scale, every relationship read back through the index: {clock.Elapsed.TotalMilliseconds:F0} ms ({whole.Relationships.Count:N0})");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Server s(i) on rack r(i/40) from Start + 30 i; every fifth closed a day later, in time order.</summary>
    private static IEnumerable<string> Lines(int relationships)
    {
        var closing = new Queue<(long At, int I)>();
        for (var i = 0; i < relationships; i++)
        {
            var at = Start + (i * Every);
            while (closing.Count > 0 && closing.Peek().At <= at)
            {
                var (end, j) = closing.Dequeue();
                yield return Link(j, $$"""{"to":{{end}}}""");
            }

            yield return Link(i, $$"""{"from":{{at}}}""");
            if (i % 5 == 0)
            {
                closing.Enqueue((at + Day, i));
            }
        }

        while (closing.Count > 0)
        {
            var (end, j) = closing.Dequeue();
            yield return Link(j, $$"""{"to":{{end}}}""");
        }
    }

    private static string Link(int i, string rel) =>
        $$"""{"source":{"label":"Server","name":"s{{i}}"},"target":{"label":"Rack","name":"r{{i / 40}}"},"rel":{{rel}}}""";

    private static async Task<(double Ms, DiffAnswer Answer)> MeasureAsync(IGraphStore store, Depc.Core.Naming.TeamName team, DiffQuery query)
    {
        var best = double.MaxValue;
        DiffAnswer? answer = null;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            answer = (await TimeTravelQueries.DiffAsync(store, team, query, CancellationToken.None)).Answer!;
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return (best, answer!);
    }
}
