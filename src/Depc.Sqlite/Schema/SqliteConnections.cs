using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Schema;

/// <summary>Opens connections to the store file with the settings every connection needs.</summary>
internal sealed class SqliteConnections(SqliteStoreOptions options)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.Path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    /// <summary>
    /// Opens a connection. Foreign keys stay unenforced: the writer keeps them true itself (a node
    /// is deleted with its relationships) and enforcing them costs lookups on every batch row.
    /// </summary>
    public SqliteConnection Open(bool forWriting)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var busy = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};";
            command.CommandText = forWriting
                ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384; " + busy
                : busy;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
