using System.Diagnostics;
using System.Reflection;
using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests.Tool;

/// <summary><c>dotnet pack</c> makes depc a dotnet tool: installed from the package folder into a tool path, it runs.</summary>
public sealed class DotnetToolTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task The_package_installs_as_the_depc_command_which_tells_its_version_ingests_and_carries_the_web_page()
    {
        var tools = _sandbox.PathOf("tools");
        await ToolPackage.InstallAsync(tools, _sandbox.Folder);
        var depc = Path.Combine(tools, "depc");

        var version = await RunAsync(depc, "--version");
        var ingest = await RunAsync(depc, "ingest", "--team", "acme", "--store", _sandbox.Store, Repository.PathOf("examples/seed.ndjson"));

        var built = typeof(DepcCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(built + "\n", version);
        Assert.Equal("""{"received":7,"accepted":6,"rejected":0,"duplicates":1}""" + "\n", ingest);
        Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "index.html", SearchOption.AllDirectories), f => f.EndsWith("/web/index.html", StringComparison.Ordinal));
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not in its usual place.
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null && Path.IsPathRooted(ToolPackage.Dotnet))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(ToolPackage.Dotnet);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
