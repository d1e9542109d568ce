using Depc.Bench.Scale;

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
            var run = DepcProcess.Run(depc, folder, "ingest", "--team", "bench", "--store", "sqlite:" + Path.Combine(folder, "bench.db"), file);
            output.WriteLine($"ingest: {count:N0} messages ({new FileInfo(file).Length / 1e6:F0} MB) into a fresh SQLite file");
            output.WriteLine($"  depc ingest: {count / run.Elapsed.TotalSeconds,12:N0} msg/s, {run.Elapsed.TotalSeconds:F1} s (processor {run.Processor.TotalSeconds:F1} s), peak memory {run.PeakBytes / 1e6:F0} MB");
            output.WriteLine($"  summary: {run.Output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
