namespace Depc.Cli.Tests.Support;

/// <summary>
/// The dotnet tool package of depc, packed once per test run from the build the tests use (<c>dotnet pack --no-build</c>),
/// and installed from its folder like a user would, into a tool path of the caller's.
/// </summary>
internal static class ToolPackage
{
    private static readonly Lazy<Task<string>> Packed = new(PackAsync);

    /// <summary>The folder holding <c>depc.&lt;version&gt;.nupkg</c>.</summary>
    public static Task<string> FolderAsync() => Packed.Value;

    /// <summary><c>dotnet tool install depc --tool-path TOOLS</c> from the package folder alone (no other feed, an empty package cache).</summary>
    public static async Task InstallAsync(string toolPath, string scratch)
    {
        var source = await FolderAsync();
        var config = Path.Combine(scratch, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="depc" value="{source}" /></packageSources></configuration>
            """);
        await DotnetAsync(scratch, ["tool", "install", "depc", "--tool-path", toolPath, "--configfile", config], Path.Combine(scratch, "nuget-packages"));
    }

    /// <summary>Runs <c>dotnet ARGS</c>, which must succeed; its output.</summary>
    public static async Task<string> DotnetAsync(string workingDirectory, IEnumerable<string> args, string? packages = null)
    {
        var start = ChildProcess.Of(Dotnet, args);
        start.WorkingDirectory = workingDirectory;
        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));
        Assert.True(run.ExitCode == 0, $"dotnet {string.Join(' ', start.ArgumentList)} exited with {run.ExitCode}:\n{run.Out}\n{run.Error}");
        return run.Out;
    }

    /// <summary>The dotnet host running the tests, so the same SDK packs and installs.</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static async Task<string> PackAsync()
    {
        var folder = Directory.CreateTempSubdirectory("depc-tool-package-").FullName;
        await DotnetAsync(
            Repository.Root,
            ["pack", Repository.PathOf("src/Depc.Cli"), "--no-build", "--no-restore", "-c", Repository.Configuration, "-o", folder]);
        Assert.Single(Directory.GetFiles(folder, "depc.*.nupkg"));
        return folder;
    }
}
