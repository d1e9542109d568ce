using System.Diagnostics;
using System.Text.Json.Nodes;
using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary>The real built <c>depc</c> executable as a child process: exit codes, stdout/stderr, store selection.</summary>
public sealed class DepcProcessTests : IDisposable
{
    private const string Message = """{"source":{"label":"A","name":"x"}}""";
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Ingest_prints_one_json_summary_on_stdout_and_rejections_on_stderr()
    {
        var result = await RunAsync(["ingest", "--team", "t", "--store", _sandbox.Store], stdin: Message + "\n{\"oops\":1}\n");

        Assert.Equal(0, result.ExitCode);
        JsonAssert.Equal("""{"received":2,"accepted":1,"rejected":1,"duplicates":0}""", SingleJsonLine(result.Out));
        var rejection = SingleJsonLine(result.Error);
        Assert.Equal(2, (long)rejection!["line"]!);
        Assert.Equal("stdin", (string)rejection["file"]!);
    }

    [Fact]
    public async Task Query_prints_json_and_an_unknown_node_exits_3_on_stderr()
    {
        await RunAsync(["ingest", "--team", "t", "--store", _sandbox.Store], stdin: Message + "\n");

        var found = await RunAsync(["query", "node", "--team", "t", "--label", "A", "--node", "x", "--store", _sandbox.Store]);
        var missing = await RunAsync(["query", "node", "--team", "t", "--label", "A", "--node", "y", "--store", _sandbox.Store]);

        Assert.Equal(0, found.ExitCode);
        Assert.Equal(string.Empty, found.Error);
        JsonAssert.Equal("""{"name":"x"}""", SingleJsonLine(found.Out));
        Assert.Equal(3, missing.ExitCode);
        Assert.Equal(string.Empty, missing.Out);
        Assert.Contains("node A 'y' not found in team t", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "query", "labels", "--team", "bad team")]
    [InlineData(2, "query", "nodes", "--team", "t", "--label", "Server`) DETACH DELETE (n")]
    [InlineData(2, "query", "labels", "--team", "t", "--store", "mysql:x")]
    [InlineData(1, "ingest", "--team", "t", "/nonexistent/depc-input.ndjson")]
    public async Task Failures_exit_non_zero_with_the_message_on_stderr_only(int exitCode, params string[] args)
    {
        var result = await RunAsync([.. args, .. args.Contains("--store") ? Array.Empty<string>() : ["--store", _sandbox.Store]]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("depc: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_store_option_or_variable_the_store_is_depc_db_in_the_working_directory()
    {
        var result = await RunAsync(["ingest", "--team", "t"], stdin: Message + "\n", environment: null);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(_sandbox.PathOf("work/depc.db")), "depc.db was not created in the working directory");
        var labels = await RunAsync(["query", "labels", "--team", "t"], environment: null);
        JsonAssert.Equal("""[{"name":"A","nodes_count":1}]""", SingleJsonLine(labels.Out));
    }

    [Fact]
    public async Task Depc_store_variable_overrides_the_default_and_the_option_overrides_the_variable()
    {
        var fromVariable = "sqlite:" + _sandbox.PathOf("from-variable.db");

        var result = await RunAsync(["ingest", "--team", "t"], stdin: Message + "\n", environment: fromVariable);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(_sandbox.PathOf("from-variable.db")));
        Assert.False(File.Exists(_sandbox.PathOf("work/depc.db")), "the default store was used despite DEPC_STORE");
        var viaVariable = await RunAsync(["query", "labels", "--team", "t"], environment: fromVariable);
        JsonAssert.Equal("""[{"name":"A","nodes_count":1}]""", SingleJsonLine(viaVariable.Out));
        var viaOption = await RunAsync(["query", "labels", "--team", "t", "--store", _sandbox.Store], environment: fromVariable);
        JsonAssert.Equal("[]", SingleJsonLine(viaOption.Out));
        Assert.True(File.Exists(_sandbox.DatabasePath));
    }

    private static JsonNode? SingleJsonLine(string text)
    {
        var line = Assert.Single(CliRun.Lines(text));
        return JsonNode.Parse(line);
    }

    /// <summary>Runs depc in the sandbox's <c>work</c> folder; <paramref name="environment"/> is DEPC_STORE (null: unset).</summary>
    private async Task<CliRun> RunAsync(string[] args, string stdin = "", string? environment = null)
    {
        var work = _sandbox.PathOf("work");
        Directory.CreateDirectory(work);
        var start = StartInfo();
        start.WorkingDirectory = work;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DEPC_STORE");
        if (environment is not null)
        {
            start.Environment["DEPC_STORE"] = environment;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo()
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "depc.exe" : "depc");
        var dll = Path.Combine(folder, "depc.dll");
        Assert.True(File.Exists(dll), $"depc.dll not found in {folder}");
        if (File.Exists(apphost))
        {
            var start = new ProcessStartInfo(apphost);

            // The apphost finds the runtime through DOTNET_ROOT when dotnet is not installed globally.
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null && DotnetHost() is { } host)
            {
                start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
            }

            return start;
        }

        var viaDotnet = new ProcessStartInfo(DotnetHost() ?? "dotnet");
        viaDotnet.ArgumentList.Add(dll);
        return viaDotnet;
    }

    private static string? DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : null;
}
