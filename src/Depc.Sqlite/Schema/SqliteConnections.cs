using System.Globalization;
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
    /// Pages of a new file. A batch's random index inserts dirty most index leaves, and each dirty page costs
    /// a WAL frame at commit: 16 KiB pages halve the commit time of the 1M-message bench against 4 KiB
    /// (larger pages make node updates dearer). A file keeps the page size it was created with.
    /// </summary>
    private const int NewFilePageSize = 16 * 1024;

    /// <summary>WAL size at which a commit checkpoints, whatever the file's page size.</summary>
    private const long CheckpointWalBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Opens a connection. Writes are durable when committed (<c>synchronous = FULL</c>: the WAL is fsync'ed at each
    /// commit, SPEC §5; a bulk load's commits are made durable at its end), and a bulk load commits rarely (see <c>SqliteBatchWriter.IsDue</c>). The write connection's page
    /// cache is sized from the file by <see cref="PageCache"/> at each transaction. Foreign keys stay unenforced: the writer keeps them true itself (a node
    /// is deleted with its relationships) and enforcing them costs lookups on every batch row.
    /// </summary>
    public SqliteConnection Open(bool forWriting)
    {
        SqliteThreading.Ensure();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var busy = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};";
            if (!forWriting)
            {
                command.CommandText = busy;
                command.ExecuteNonQuery();
                return connection;
            }

            // page_size before journal_mode: only an empty file takes it, and only before it is in WAL mode.
            // synchronous = FULL: every commit is fsync'ed before it returns, so a Kafka position or an HTTP 200 never
            // outruns the data (SPEC §5); only a bulk load's commits skip it (SqliteGraphStore.BeginBulkWriteAsync).
            command.CommandText = $"PRAGMA page_size = {NewFilePageSize}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; {busy}";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA page_size;";
            var pageSize = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            command.CommandText = $"PRAGMA wal_autocheckpoint = {CheckpointWalBytes / pageSize};";
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
