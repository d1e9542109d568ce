using Depc.Core.Storage;
using Depc.Neo4j;
using Depc.Sqlite;

namespace Depc.Server.Stores;

/// <summary>
/// Opens the graph store a user names: <c>sqlite:PATH</c> (the embedded default) or
/// <c>neo4j:http://[user:password@]host:port[/database]</c>.
/// </summary>
public static class StoreLocator
{
    public const string DefaultSpec = "sqlite:depc.db";
    public const string EnvironmentVariable = "DEPC_STORE";
    private const string SqlitePrefix = "sqlite:";

    /// <summary>The store to use: the one given, else <c>DEPC_STORE</c>, else <see cref="DefaultSpec"/>.</summary>
    public static string Resolve(string? spec) =>
        !string.IsNullOrWhiteSpace(spec) ? spec
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultSpec;

    /// <exception cref="ArgumentException">The spec names no known kind of store.</exception>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static async Task<IGraphStore> OpenAsync(string spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = spec[SqlitePrefix.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("store 'sqlite:' needs a file path, e.g. sqlite:depc.db", nameof(spec));
            }

            return await SqliteGraphStore.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        }

        if (spec.StartsWith(Neo4jConnectionString.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return await Neo4jGraphStore.OpenAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"store: {e.Message}", nameof(spec), e);
            }
        }

        throw new ArgumentException(
            $"store '{Describe(spec)}' is neither sqlite:PATH nor neo4j:http://[user:password@]host:port[/database]", nameof(spec));
    }

    /// <summary>The spec as it may be shown: never with a password.</summary>
    public static string Describe(string spec) =>
        spec.StartsWith(Neo4jConnectionString.Prefix, StringComparison.OrdinalIgnoreCase)
            ? SafeNeo4j(spec)
            : spec;

    private static string SafeNeo4j(string spec)
    {
        try
        {
            return Neo4jConnectionString.Parse(spec, _ => null).ToString();
        }
        catch (FormatException)
        {
            return "neo4j:(unparseable)";
        }
    }
}
