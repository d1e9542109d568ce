namespace Depc.Bench.Scale;

/// <summary>
/// The whole <c>depc ingest</c> process on a small file (200,000 messages by default), process start and JIT
/// included: what a user waits for. This build and the baseline run alternately (A B A B …) so that both see the
/// same load; medians and their ratio.
/// </summary>
internal static class StartupBench
{
    public static void Run(int count, int rounds, string depc, string baseline, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("depc-startup-").FullName;
        try
        {
            var corpus = Corpus.WriteFile(Path.Combine(folder, "corpus.ndjson"), count);
            var one = Corpus.WriteFile(Path.Combine(folder, "one.ndjson"), 1);
            var builds = new[] { ("this", depc), ("baseline", baseline) };
            var runs = builds.ToDictionary(b => b.Item1, _ => new List<DepcProcessRun>());
            var fixedCosts = builds.ToDictionary(b => b.Item1, _ => new List<DepcProcessRun>());
            output.WriteLine($"startup: whole depc ingest process, {count:N0} messages into a fresh SQLite file, {rounds} rounds A B A B; load {CurveBench.Load()}");
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, path) in builds)
                {
                    runs[name].Add(Ingest(path, folder, name, corpus));
                    fixedCosts[name].Add(Ingest(path, folder, name, one));
                }
            }

            var wall = runs.ToDictionary(r => r.Key, r => Median(r.Value, run => run.Elapsed.TotalSeconds));
            var fixedCost = fixedCosts.ToDictionary(r => r.Key, r => Median(r.Value, run => run.Elapsed.TotalSeconds));
            foreach (var (name, list) in runs)
            {
                output.WriteLine(
                    $"  {name,-9} median {wall[name]:F2} s wall, {Median(list, r => r.Processor.TotalSeconds):F2} s processor, peak {Median(list, r => r.PeakBytes / 1e6):F0} MB (wall: {string.Join(' ', list.Select(r => r.Elapsed.TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))})");
            }

            var ratios = runs["this"].Zip(runs["baseline"], (a, b) => a.Elapsed / b.Elapsed).Order().ToList();
            output.WriteLine($"  this / baseline wall time: median of the rounds' ratios {ratios[ratios.Count / 2]:F2}x (min {ratios[0]:F2}, max {ratios[^1]:F2}); load after {CurveBench.Load()}");

            // What a 0.7x goal leaves for the messages once a run's fixed cost (process start, a fresh file's schema,
            // the summary) is paid, against what the messages take today.
            var (budget, messages) = ((0.7 * wall["baseline"]) - fixedCost["this"], wall["this"] - fixedCost["this"]);
            output.WriteLine(
                $"  1 message, whole process: this {fixedCost["this"]:F2} s, baseline {fixedCost["baseline"]:F2} s. 0.7x the baseline leaves {budget:F2} s for {count:N0} messages " +
                $"({budget * 1e6 / count:F1} µs each) after this build's fixed cost; they take {messages:F2} s ({messages * 1e6 / count:F1} µs each)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static DepcProcessRun Ingest(string depc, string folder, string name, string file)
    {
        var store = Path.Combine(folder, $"{name}.db");
        CurveBench.DeleteStore(store);
        return DepcProcess.Run(depc, folder, "ingest", "--team", "bench", "--store", "sqlite:" + store, file);
    }

    private static double Median<T>(List<T> values, Func<T, double> of)
    {
        var sorted = values.Select(of).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
