using System.Diagnostics;

namespace Depc.Testing.Processes;

/// <summary>
/// The real <c>depc</c> built next to the tests (<c>depc.dll</c> in the test output: reference
/// <c>src/Depc.Cli</c>), run as a child process in a working directory of the test's own.
/// </summary>
public static class DepcCommand
{
    /// <summary>The start of <c>dotnet depc.dll ARGS</c>; <c>DEPC_STORE</c> and <c>DEPC_ADMIN_TOKEN</c> are not inherited.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "depc.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"depc.dll not found in {AppContext.BaseDirectory}: the test project must reference src/Depc.Cli");
        }

        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DEPC_STORE");
        start.Environment.Remove("DEPC_ADMIN_TOKEN");
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs <c>depc ARGS</c> to its end (killed past <paramref name="timeout"/>, default 2 minutes).</summary>
    public static async Task<DepcRun> RunAsync(
        string workingDirectory,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null,
        TimeSpan? timeout = null)
    {
        var arguments = args.ToList();
        using var process = Process.Start(StartInfo(workingDirectory, arguments, environment))
            ?? throw new InvalidOperationException("cannot start depc");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"depc {string.Join(' ', arguments)} did not end in time: {await error}");
        }

        return new DepcRun(arguments, process.ExitCode, await output, await error);
    }
}
