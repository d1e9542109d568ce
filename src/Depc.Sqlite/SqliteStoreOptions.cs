namespace Depc.Sqlite;

/// <summary>Where the embedded store lives and how long a write waits for another writer.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created with its schema when absent.</summary>
    public required string Path { get; init; }

    /// <summary>How long a statement waits on a file locked by another writer before failing (transiently). Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of cached node ids and relationship states; the caches are dropped when they exceed it. Default 300,000 (about 45 MB at most), plus a filter of up to four times as many keys of dropped relationships (about 1.4 B each).</summary>
    public int MaxCachedEntries { get; init; } = 300_000;
}
