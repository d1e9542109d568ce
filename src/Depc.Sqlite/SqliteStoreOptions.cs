namespace Depc.Sqlite;

/// <summary>
/// Where the embedded store lives and how much memory it may use for speed. The two memory settings are read from
/// <c>Depc:Sqlite:*</c> (<c>DEPC_SQLITE__*</c> for every command).
/// </summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section of the memory settings (<c>DEPC_SQLITE__MAXPAGECACHEBYTES</c>, …).</summary>
    public const string Section = "Depc:Sqlite";

    public const long DefaultWriteCacheBytes = 48L * 1024 * 1024;
    public const long DefaultPageCacheBytes = 144L * 1024 * 1024;

    /// <summary>The database file; created with its schema when absent.</summary>
    public required string Path { get; init; }

    /// <summary>How long a statement waits on a file locked by another writer before failing (transiently). Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The writer's cache of node ids and relationship states (and of which relationships cannot exist yet), in bytes,
    /// counted by what it holds (names included): past it, after a commit, the cache starts over. Default 48 MiB.
    /// </summary>
    public long MaxWriteCacheBytes { get; init; } = DefaultWriteCacheBytes;

    /// <summary>
    /// The ceiling of SQLite's page cache on the write connection. The cache is sized from the file (a quarter of it,
    /// at least 16 MiB) up to this ceiling: the indexes a write walks at random stay in memory as the file grows.
    /// Default 144 MiB; a larger ceiling trades memory for speed on files of more than ~290 MB.
    /// </summary>
    public long MaxPageCacheBytes { get; init; } = DefaultPageCacheBytes;
}
