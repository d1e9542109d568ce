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
        var start = ChildProcess.Of(program, args);
        ChildProcess.FindRuntime(start);
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {run.ExitCode}: {run.Error}");
        return run.Out;
    }
}
