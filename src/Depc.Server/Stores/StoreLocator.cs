using Depc.Core.Storage;
using Depc.Neo4j;
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
    public static string ResolveText(string? spec) =>
        !string.IsNullOrWhiteSpace(spec) ? spec
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultSpec;

    /// <exception cref="StoreException">The store cannot be opened.</exception>
    public static async Task<IGraphStore> OpenAsync(StoreSpec spec, CancellationToken cancellationToken, ILoggerFactory? loggers = null) => spec switch
    {
        SqliteStoreSpec sqlite => await SqliteGraphStore.OpenAsync(sqlite.Path, cancellationToken).ConfigureAwait(false),
        Neo4jStoreSpec neo4j => await Neo4jGraphStore.OpenAsync(neo4j.Connection, cancellationToken, loggers?.CreateLogger("Depc.Neo4j")).ConfigureAwait(false),
        _ => throw new ArgumentException($"no store of kind {spec.GetType().Name}", nameof(spec)),
    };
}
