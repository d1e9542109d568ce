using System.Diagnostics;

namespace Depc.Cli.Tests.Support;

/// <summary>Runs a program to its end with its output read (killed past the timeout); the start info says what and where.</summary>
internal static class ChildProcess
{
    public static async Task<CliRun> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not end within {timeout}: {await error}");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>A program to run with these arguments.</summary>
    public static ProcessStartInfo Of(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>An app host (depc, an installed tool) finds the runtime through DOTNET_ROOT when dotnet is not in its usual place.</summary>
    public static void FindRuntime(ProcessStartInfo start)
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null && Path.IsPathRooted(ToolPackage.Dotnet))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(ToolPackage.Dotnet);
        }
    }
}
