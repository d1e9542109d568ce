using Depc.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Teams;

/// <summary>
/// Team credentials and the rejection feed, in their own tables of the graph's SQLite file so that
/// every <c>depc serve</c> (and <c>depc team</c>) sharing that file sees the same teams and feed.
/// Opened through its own connections for credentials and reads; with a SQLite graph store, the store's writer adds
/// the feed entries of each batch in the batch's own transaction.
/// </summary>
public sealed class TeamTables
{
    /// <summary>The rejection feed's table: also created by the graph store, which writes it in each batch's transaction.</summary>
    internal const string RejectionsDdl = """
        CREATE TABLE IF NOT EXISTS depc_rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            team TEXT NOT NULL,
            time INTEGER NOT NULL,
            source TEXT NOT NULL,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            payload TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS depc_rejections_team ON depc_rejections (team, id);
        """;

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS depc_teams (
            name TEXT NOT NULL PRIMARY KEY,
            token_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            rotated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS depc_teams_token_hash ON depc_teams (token_hash);
        """ + RejectionsDdl;

    private readonly string _connectionString;

    public TeamTables(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,

            // Seconds SQLite waits on a lock held by another connection or process (the graph writer, another server).
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        SqliteThreading.Ensure();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
