using SQLitePCL;

namespace Depc.Sqlite.Schema;

/// <summary>
/// SQLite in multi-thread mode instead of the bundled library's serialized mode: every connection and statement of
/// this store is used by one thread at a time (the writer under the store's write lock, a reader for one call), so
/// the per-call connection mutex only cost time (about a tenth of a large impacted read, every bind and step of the
/// writer). The mode is process-wide and can be set only before SQLite's first connection; when something opened one
/// earlier, SQLite stays serialized, which is only slower.
/// </summary>
internal static class SqliteThreading
{
    private const int ConfigMultiThread = 2;

    /// <summary>True when SQLite took the mode (false: a connection was opened before).</summary>
    public static bool UseMultiThread()
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(ConfigMultiThread) == raw.SQLITE_OK;
    }
}
