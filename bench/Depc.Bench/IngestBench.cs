using Depc.Bench.Scale;

namespace Depc.Bench;

/// <summary>
/// End-to-end <c>depc ingest</c> of a generated file into a fresh SQLite file, run as the real
/// command in a child process so that its peak memory (VmHWM) is its own. Given another build's <c>depc</c>
/// (<c>--baseline-depc</c>), both run in turns on the same file (A B A B …) and the ratio of their best times is printed.
/// </summary>
internal static class IngestBench
{
    public static void Run(int count, string depc, string? baseline, int rounds, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("depc-bench-").FullName;
        try
        {
            var file = Corpus.WriteFile(Path.Combine(folder, "corpus.ndjson"), count);
            output.WriteLine($"ingest: {count:N0} messages ({new FileInfo(file).Length / 1e6:F0} MB) into a fresh SQLite file");
            var ours = new List<DepcProcessRun>();
            var theirs = new List<DepcProcessRun>();
            for (var round = 0; round < (baseline is null ? 1 : rounds); round++)
            {
                if (baseline is not null)
                {
                    theirs.Add(Once(baseline, "baseline", folder, file, count, output));
                }

                ours.Add(Once(depc, "depc ingest", folder, file, count, output));
            }

            if (baseline is not null)
            {
                var (best, bestBaseline) = (ours.Min(r => r.Elapsed), theirs.Min(r => r.Elapsed));
                var (processor, processorBaseline) = (ours.Min(r => r.Processor), theirs.Min(r => r.Processor));
                output.WriteLine($"  best of {rounds}: depc ingest {best.TotalSeconds:F2} s, baseline {bestBaseline.TotalSeconds:F2} s: {best / bestBaseline:P0} of the baseline's time ({(best - bestBaseline) / bestBaseline:+0%;-0%}); processor {processor.TotalSeconds:F2} s vs {processorBaseline.TotalSeconds:F2} s ({processor / processorBaseline:P0})");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static DepcProcessRun Once(string depc, string what, string folder, string file, int count, TextWriter output)
    {
        var database = Path.Combine(folder, "bench.db");
        foreach (var stale in Directory.GetFiles(folder, "bench.db*"))
        {
            File.Delete(stale);
        }

        var run = DepcProcess.Run(depc, folder, "ingest", "--team", "bench", "--store", "sqlite:" + database, file);
        output.WriteLine($"  {what,-12}: {count / run.Elapsed.TotalSeconds,12:N0} msg/s, {run.Elapsed.TotalSeconds:F2} s (processor {run.Processor.TotalSeconds:F2} s), peak memory {run.PeakBytes / 1e6:F0} MB  {run.Output}");
        return run;
    }
}
