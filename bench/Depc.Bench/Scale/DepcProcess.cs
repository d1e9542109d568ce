using System.Diagnostics;
using Depc.Testing.Processes;

namespace Depc.Bench.Scale;

/// <summary>A finished run of a <c>depc</c> build: wall time (process start included), processor time, peak memory.</summary>
internal sealed record DepcProcessRun(TimeSpan Elapsed, TimeSpan Processor, long PeakBytes, string Output);

/// <summary>Runs a <c>depc</c> build (its apphost) as a child process and samples its peak memory and processor time.</summary>
internal static class DepcProcess
{
    public static DepcProcessRun Run(string depc, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(depc) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("DEPC_STORE");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        var processor = TimeSpan.Zero;
        // Sampled until the end: VmHWM only grows, and the last processor time read is at most one interval short.
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, ResidentMemory.Peak(process.Id) ?? 0);
            if (ProcessorTime.Of(process.Id) is var (user, system))
            {
                processor = user + system;
            }
        }

        var elapsed = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{depc} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return new DepcProcessRun(elapsed, processor, peak, stdout.Result.Trim());
    }
}
