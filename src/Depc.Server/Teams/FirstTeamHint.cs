using Depc.Server.Options;
using Depc.Server.Stores;

namespace Depc.Server.Teams;

/// <summary>
/// The exact command that creates a first team on this server's store, worded for the person who started it: the
/// <c>depc</c> it runs as (<c>dotnet run --project src/Depc.Cli --</c> from a clone, else <c>depc</c>) and, unless it
/// is the default one, the same store.
/// </summary>
public static class FirstTeamHint
{
    public const string ExampleTeam = "my-team";

    public static string Command(ServerOptions options) => Command(options, AppContext.BaseDirectory, Directory.GetCurrentDirectory());

    public static string Command(ServerOptions options, string baseDirectory, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var command = $"{Depc(baseDirectory, currentDirectory)} team create {ExampleTeam}";
        var store = StoreSpec.Parse(options.Store);
        if (store is SqliteStoreSpec sqlite)
        {
            return options.Store == StoreLocator.DefaultSpec
                ? command
                : $"{command} --store {StoreSpec.SqlitePrefix}{Path.GetFullPath(sqlite.Path, currentDirectory)}";
        }

        var teams = options.TeamsDatabase == new ServerOptions().TeamsDatabase
            ? ""
            : " --teams-database " + Path.GetFullPath(options.TeamsDatabase, currentDirectory);
        // The team command only opens the teams' file: the Neo4j address needs no credentials there.
        return $"{command} --store {((Neo4jStoreSpec)store).Connection.WithoutCredentials()}{teams}";
    }

    // A build of a clone runs from <clone>/src/Depc.Cli/bin/<configuration>/<framework>/: `dotnet run` is how it was started.
    private static string Depc(string baseDirectory, string currentDirectory)
    {
        var marker = $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}Depc.Cli{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}";
        var at = baseDirectory.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "depc";
        }

        var project = baseDirectory[..(at + marker.Length - "bin/".Length)].TrimEnd(Path.DirectorySeparatorChar);
        var relative = Path.GetRelativePath(currentDirectory, project);
        return $"dotnet run --project {(relative.StartsWith("..", StringComparison.Ordinal) ? project : relative)} --";
    }
}
