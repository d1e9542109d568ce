using SQLitePCL;

namespace Depc.Sqlite.Schema;

/// <summary>
/// SQLite in multi-thread mode instead of the bundled library's serialized mode: every connection and statement of
/// this assembly is used by one thread at a time (the writer under the store's write lock, a reader or a team table
/// for one call), so the per-call connection mutex only cost time (about a tenth of a large impacted read, and every
/// bind and step of the writer). The mode is process-wide and SQLite takes it only before its first connection, so
/// every connection of this assembly is opened after <see cref="Ensure"/>; if another component opened one earlier,
/// SQLite stays serialized, which is only slower. Memory statistics are turned off the same way: with them, each of
/// SQLite's allocations took a process-wide mutex (~4 % of the processor time of a 200,000-message ingest), for
/// counters nothing here reads.
/// </summary>
internal static class SqliteThreading
{
    private const int ConfigMultiThread = 2;
    private const int ConfigMemoryStatistics = 9;

    /// <summary>True when SQLite took the mode.</summary>
    public static bool MultiThread { get; } = Configure();

    /// <summary>Sets the mode, once per process, before the first connection.</summary>
    public static void Ensure() => _ = MultiThread;

    private static bool Configure()
    {
        Batteries_V2.Init();
        _ = raw.sqlite3_config(ConfigMemoryStatistics, 0);
        return raw.sqlite3_config(ConfigMultiThread) == raw.SQLITE_OK;
    }
}
