using System.Globalization;
using Depc.Core.Storage;
using Depc.Neo4j;
using Depc.Server.Options;
using Depc.Sqlite;

namespace Depc.Server.Stores;

/// <summary>Opens the graph store a <see cref="StoreSpec"/> names.</summary>
public static class StoreLocator
{
    public const string DefaultSpec = "sqlite:depc.db";
    public const string EnvironmentVariable = "DEPC_STORE";

    /// <summary>The store to use: the one given, else <c>DEPC_STORE</c>, else <see cref="DefaultSpec"/>, parsed.</summary>
    /// <exception cref="ArgumentException">The spec is malformed.</exception>
    public static StoreSpec Resolve(string? spec) => StoreSpec.Parse(ResolveText(spec));

    /// <summary>The text of the store to use, unparsed (passwords included): the one given, else <c>DEPC_STORE</c>, else the default.</summary>
    /// <exception cref="ArgumentException">The spec given is empty or blank (a script's unset variable): not taken as "the default".</exception>
    public static string ResolveText(string? spec) =>
        spec is not null && string.IsNullOrWhiteSpace(spec) ? throw new ArgumentException("the store is empty: give sqlite:PATH or neo4j:http://HOST:PORT, or leave --store out for " + DefaultSpec)
        : spec is not null ? spec
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultSpec;

    /// <summary>Opens the store with the settings of the environment (<c>DEPC_SQLITE__…</c>): what every command but serve uses.</summary>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static Task<IGraphStore> OpenAsync(StoreSpec spec, CancellationToken cancellationToken, ILoggerFactory? loggers = null) =>
        OpenAsync(spec, new ConfigurationBuilder().AddDepcEnvironment().Build(), cancellationToken, loggers);

    /// <param name="configuration">Where the SQLite store's memory settings are read (<see cref="SqliteStoreOptions.Section"/>).</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static async Task<IGraphStore> OpenAsync(StoreSpec spec, IConfiguration configuration, CancellationToken cancellationToken, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(configuration);
        return spec switch
        {
            SqliteStoreSpec sqlite => await SqliteGraphStore.OpenAsync(SqliteOptions(sqlite, configuration), cancellationToken).ConfigureAwait(false),
            Neo4jStoreSpec neo4j => await Neo4jGraphStore.OpenAsync(neo4j.Connection, cancellationToken, loggers?.CreateLogger("Depc.Neo4j")).ConfigureAwait(false),
            _ => throw new ArgumentException($"no store of kind {spec.GetType().Name}", nameof(spec)),
        };
    }

    private static SqliteStoreOptions SqliteOptions(SqliteStoreSpec spec, IConfiguration configuration)
    {
        var settings = configuration.GetSection(SqliteStoreOptions.Section);
        return new SqliteStoreOptions
        {
            Path = spec.Path,
            MaxWriteCacheBytes = Bytes(settings, nameof(SqliteStoreOptions.MaxWriteCacheBytes)) ?? SqliteStoreOptions.DefaultWriteCacheBytes,
            MaxPageCacheBytes = Bytes(settings, nameof(SqliteStoreOptions.MaxPageCacheBytes)) ?? SqliteStoreOptions.DefaultPageCacheBytes,
        };
    }

    private static long? Bytes(IConfigurationSection settings, string key) =>
        settings[key] is not { } text ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"{SqliteStoreOptions.Section}:{key} '{text}' must be a whole number of bytes");
}
