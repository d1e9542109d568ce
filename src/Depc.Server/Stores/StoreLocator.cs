using System.Globalization;
using Depc.Core.Storage;
using Depc.Neo4j;
using Depc.Server.Options;
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

    /// <summary>Opens the store with the settings of the environment (<c>DEPC_SQLITE__…</c>): what every command but serve uses.</summary>
    public static Task<IGraphStore> OpenAsync(string spec, CancellationToken cancellationToken) =>
        OpenAsync(spec, new ConfigurationBuilder().AddDepcEnvironment().Build(), cancellationToken);

    /// <param name="configuration">Where the SQLite store's memory settings are read (<see cref="SqliteStoreOptions.Section"/>).</param>
    /// <exception cref="ArgumentException">The spec names no known kind of store, or a setting is invalid.</exception>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static async Task<IGraphStore> OpenAsync(string spec, IConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(configuration);
        if (spec.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = spec[SqlitePrefix.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("store 'sqlite:' needs a file path, e.g. sqlite:depc.db", nameof(spec));
            }

            var settings = configuration.GetSection(SqliteStoreOptions.Section);
            var options = new SqliteStoreOptions
            {
                Path = path,
                MaxWriteCacheBytes = Bytes(settings, nameof(SqliteStoreOptions.MaxWriteCacheBytes)) ?? SqliteStoreOptions.DefaultWriteCacheBytes,
                MaxPageCacheBytes = Bytes(settings, nameof(SqliteStoreOptions.MaxPageCacheBytes)) ?? SqliteStoreOptions.DefaultPageCacheBytes,
            };
            return await SqliteGraphStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
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

    private static long? Bytes(IConfigurationSection settings, string key) =>
        settings[key] is not { } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"{SqliteStoreOptions.Section}:{key} '{text}' must be a whole number of bytes");

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
