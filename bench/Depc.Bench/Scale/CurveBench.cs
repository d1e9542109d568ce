using System.Globalization;

namespace Depc.Bench.Scale;

/// <summary>
/// The cost of <c>depc ingest</c> as the file grows: the benchmark corpus at each point (1M, 3M, 10M messages by
/// default) into a fresh SQLite file, this build and, when given, a baseline build run one after the other at each
/// point. The rate between two points (the second run's extra messages over its extra time) is the rate sustained
/// at that size. Then the queries on the largest file written by this build.
/// </summary>
internal static class CurveBench
{
    public static async Task RunAsync(IReadOnlyList<int> points, string depc, string? baseline, string? dataFolder, TextWriter output)
    {
        var folder = dataFolder ?? Directory.CreateTempSubdirectory("depc-curve-").FullName;
        Directory.CreateDirectory(folder);
        var builds = baseline is null ? [("this", depc)] : new[] { ("this", depc), ("baseline", baseline) };
        var results = builds.ToDictionary(b => b.Item1, _ => new List<(int Messages, DepcProcessRun Run)>());
        output.WriteLine($"curve: depc ingest of the corpus into a fresh SQLite file at {string.Join(", ", points.Select(p => p.ToString("N0", CultureInfo.InvariantCulture)))} messages; load {Load()}");
        output.WriteLine($"  {"messages",12} {"build",-9} {"msg/s",10} {"wall s",8} {"cpu s",8} {"peak MB",8} {"file MB",8}");
        var largest = points.Max();
        string? largestStore = null;
        try
        {
            foreach (var count in points.Order())
            {
                var corpus = Corpus.WriteFile(Path.Combine(folder, $"corpus-{count}.ndjson"), count);
                foreach (var (name, path) in builds)
                {
                    var store = Path.Combine(folder, $"{name}-{count}.db");
                    DeleteStore(store);
                    var run = DepcProcess.Run(path, folder, "ingest", "--team", "bench", "--store", "sqlite:" + store, corpus);
                    results[name].Add((count, run));
                    output.WriteLine(
                        $"  {count,12:N0} {name,-9} {count / run.Elapsed.TotalSeconds,10:N0} {run.Elapsed.TotalSeconds,8:F1} {run.Processor.TotalSeconds,8:F1} {run.PeakBytes / 1e6,8:F0} {StoreBytes(store) / 1e6,8:F0}");
                    if (name == "this" && count == largest)
                    {
                        largestStore = store;
                    }
                    else
                    {
                        DeleteStore(store);
                    }
                }

                File.Delete(corpus);
            }

            foreach (var (name, runs) in results)
            {
                Summarise(name, runs, output);
            }

            if (baseline is not null)
            {
                foreach (var ((count, mine), (_, theirs)) in results["this"].Zip(results["baseline"]))
                {
                    output.WriteLine($"  at {count:N0}: this build takes {mine.Elapsed / theirs.Elapsed:F2}x the baseline's wall time ({mine.Processor / theirs.Processor:F2}x its processor time), peak {mine.PeakBytes / 1e6:F0} vs {theirs.PeakBytes / 1e6:F0} MB");
                }
            }

            output.WriteLine($"  load after: {Load()}");
            await ScaleQueries.RunAsync(largestStore!, largest, output).ConfigureAwait(false);
        }
        finally
        {
            if (largestStore is not null)
            {
                DeleteStore(largestStore);
            }

            if (dataFolder is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void Summarise(string name, List<(int Messages, DepcProcessRun Run)> runs, TextWriter output)
    {
        for (var i = 1; i < runs.Count; i++)
        {
            var (from, before) = runs[i - 1];
            var (to, after) = runs[i];
            var rate = (to - from) / (after.Elapsed - before.Elapsed).TotalSeconds;
            output.WriteLine($"  {name}: {from:N0} -> {to:N0} sustained {rate:N0} msg/s");
        }

        var (first, small) = runs[0];
        var (last, large) = runs[^1];
        var perMessage = (large.Elapsed / last) / (small.Elapsed / first);
        output.WriteLine($"  {name}: cost per message at {last:N0} is {perMessage:F2}x the cost at {first:N0}");
    }

    private static long StoreBytes(string store) =>
        new[] { store, store + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    /// <summary>A SQLite store file with its write-ahead log and shared-memory index, so that the next run starts on a fresh file.</summary>
    internal static void DeleteStore(string store)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(store + suffix);
        }
    }

    /// <summary>The load average: the figures above are only comparable with others taken under a similar load.</summary>
    internal static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
