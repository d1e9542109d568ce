using System.Diagnostics;
using System.Globalization;

namespace Depc.Bench;

/// <summary>
/// End-to-end <c>depc ingest</c> of a generated file into a fresh SQLite file, run as the real
/// command in a child process so that its peak memory (VmHWM) is its own.
/// </summary>
internal static class IngestBench
{
    public static void Run(int count, string depc, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("depc-bench-").FullName;
        try
        {
            var file = Corpus.WriteFile(Path.Combine(folder, "corpus.ndjson"), count);
            var (elapsed, peak, summary) = RunDepc(depc, folder, "ingest", "--team", "bench", "--store", "sqlite:" + Path.Combine(folder, "bench.db"), file);
            output.WriteLine($"ingest: {count:N0} messages ({new FileInfo(file).Length / 1e6:F0} MB) into a fresh SQLite file");
            output.WriteLine($"  depc ingest: {count / elapsed.TotalSeconds,12:N0} msg/s, {elapsed.TotalSeconds:F1} s, peak memory {peak / 1e6:F0} MB");
            output.WriteLine($"  summary: {summary}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
