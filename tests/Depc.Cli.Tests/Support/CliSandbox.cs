using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Depc.Cli.Tests.Support;

/// <summary>A fresh temp folder with its own SQLite store; runs the real command tree in-process.</summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Folder = Path.Combine(Path.GetTempPath(), "depc-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "depc.db");

    public string Store => "sqlite:" + DatabasePath;

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(() => new MemoryStream([]), args);

    public static async Task<CliRun> RunAsync(Func<Stream> stdin, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await DepcCli.RunAsync(args, new CliConsole(output, error, stdin));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static byte[] Utf8Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string WriteFile(string name, string content) => WriteBytes(name, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string name, byte[] content)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Runs a command with <c>--store</c> pointing at this sandbox's database.</summary>
    public Task<CliRun> RunOnStoreAsync(params string[] args) => RunAsync([.. args, "--store", Store]);

    public Task<CliRun> IngestBytesAsync(string team, byte[] stdin, params string[] extra) =>
        RunAsync(() => new MemoryStream(stdin), ["ingest", "--team", team, "--store", Store, .. extra]);

    public Task<CliRun> IngestAsync(string team, params string[] lines) => IngestBytesAsync(team, Utf8Lines(lines));

    /// <summary>Ingests lines with extra options (e.g. <c>--now</c>).</summary>
    public Task<CliRun> IngestAsync(string team, string[] options, params string[] lines) => IngestBytesAsync(team, Utf8Lines(lines), options);

    /// <summary>Ingests lines that must all be accepted.</summary>
    public async Task SeedAsync(string team, params string[] lines)
    {
        var run = (await IngestAsync(team, lines)).AssertOk();
        Assert.Equal(lines.Length, (long)run.Json!["accepted"]!);
    }

    /// <summary>Runs <c>depc query …</c>, which must succeed, and returns its JSON answer.</summary>
    public async Task<JsonNode?> QueryAsync(params string[] args) => (await RunOnStoreAsync(["query", .. args])).AssertOk().Json;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
