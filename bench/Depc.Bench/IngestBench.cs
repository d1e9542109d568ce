using System.Diagnostics;
using System.Globalization;

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
            var ours = new List<TimeSpan>();
            var theirs = new List<TimeSpan>();
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
                var (best, bestBaseline) = (ours.Min(), theirs.Min());
                output.WriteLine($"  best of {rounds}: depc ingest {best.TotalSeconds:F2} s, baseline {bestBaseline.TotalSeconds:F2} s: {best / bestBaseline:P0} of the baseline's time ({(best - bestBaseline) / bestBaseline:+0%;-0%})");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static TimeSpan Once(string depc, string what, string folder, string file, int count, TextWriter output)
    {
        var database = Path.Combine(folder, "bench.db");
        foreach (var stale in Directory.GetFiles(folder, "bench.db*"))
        {
            File.Delete(stale);
        }

        var (elapsed, peak, summary) = RunDepc(depc, folder, "ingest", "--team", "bench", "--store", "sqlite:" + database, file);
        output.WriteLine($"  {what,-12}: {count / elapsed.TotalSeconds,12:N0} msg/s, {elapsed.TotalSeconds:F2} s, peak memory {peak / 1e6:F0} MB  {summary}");
        return elapsed;
    }

    internal static (TimeSpan Elapsed, long PeakBytes, string Output) RunDepc(string depc, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(depc) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakOf(process.Id));
        }

        var elapsed = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"depc {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return (elapsed, peak, stdout.Result.Trim());
    }

    private static long PeakOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process just ended.
        }

        return 0;
    }
}
