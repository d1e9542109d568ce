using Depc.Sqlite.Teams;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Schema;

/// <summary>
/// The embedded graph: nodes unique per (team, label, name), one row per <c>DEPENDS_ON</c> with its periods as a JSON
/// list, and a <c>generation</c> counter every writer bumps so that caches held by one process notice writes made by
/// another. Beside it, what commits with every write: Kafka positions per (group, topic, partition), each team's
/// counts, HTTP idempotency keys with their answers, the teams' rejection feed, and each instance's last beat. The
/// <c>changes</c> table is the change index of diffs (<see cref="Writing.ChangeRows"/>); a file made before it is filled
/// once (<see cref="ChangeIndexBackfill"/>).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>2: positions, counts, idempotency keys and instances (a version-1 Depc would write without them, so it refuses the file).</summary>
    public const int Version = 2;

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS nodes (
            id     INTEGER PRIMARY KEY,
            team   TEXT NOT NULL,
            label  TEXT NOT NULL,
            name   TEXT NOT NULL,
            "from" INTEGER,
            "to"   INTEGER,
            UNIQUE (team, label, name));
        CREATE TABLE IF NOT EXISTS relationships (
            id         INTEGER PRIMARY KEY,
            source_id  INTEGER NOT NULL REFERENCES nodes (id),
            target_id  INTEGER NOT NULL REFERENCES nodes (id),
            periods    TEXT NOT NULL,
            last_state TEXT,
            last_ts    INTEGER,
            UNIQUE (source_id, target_id));
        CREATE INDEX IF NOT EXISTS relationships_by_target ON relationships (target_id, source_id);
        CREATE TABLE IF NOT EXISTS changes (
            id      INTEGER PRIMARY KEY,
            team    TEXT NOT NULL,
            bucket  INTEGER NOT NULL,
            entries BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS changes_by_bucket ON changes (team, bucket);
        CREATE TABLE IF NOT EXISTS monitoring (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);
        CREATE TABLE IF NOT EXISTS depc_positions (
            consumer_group TEXT NOT NULL,
            topic          TEXT NOT NULL,
            partition      INTEGER NOT NULL,
            next_offset    INTEGER NOT NULL,
            PRIMARY KEY (consumer_group, topic, partition)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS depc_team_counts (
            team            TEXT PRIMARY KEY,
            received        INTEGER NOT NULL,
            accepted        INTEGER NOT NULL,
            rejected        INTEGER NOT NULL,
            duplicates      INTEGER NOT NULL,
            last_message_at INTEGER) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS depc_idempotency (
            team         TEXT NOT NULL,
            key          TEXT NOT NULL,
            request_hash BLOB NOT NULL,
            answer       TEXT NOT NULL,
            created_at   INTEGER NOT NULL,
            PRIMARY KEY (team, key));
        CREATE INDEX IF NOT EXISTS depc_idempotency_by_age ON depc_idempotency (created_at);
        CREATE TABLE IF NOT EXISTS depc_instances (
            id            TEXT PRIMARY KEY,
            host          TEXT NOT NULL,
            partitions    TEXT NOT NULL,
            last_write_at INTEGER,
            last_seen_at  INTEGER NOT NULL) WITHOUT ROWID;
        """;

    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw Core.Storage.StoreException.StoreWide($"the database was written by a newer Depc (schema {version}, this one knows {Version})");
        }

        if (version == Version)
        {
            // Up to date: nothing to write, so a file that cannot be written (read-only, full) still opens for reading.
            return;
        }

        // IMMEDIATE: two processes opening an old file at once must not both decide to fill its change index.
        using var transaction = connection.BeginTransaction(deferred: false);
        command.Transaction = transaction;
        command.CommandText = "SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'nodes') - (SELECT count(*) FROM sqlite_master WHERE name = 'changes')";
        var changeIndexMissing = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        command.CommandText = Ddl + TeamTables.RejectionsDdl + $"PRAGMA user_version = {Version};";
        command.ExecuteNonQuery();
        if (changeIndexMissing)
        {
            ChangeIndexBackfill.Run(connection, transaction);
        }

        transaction.Commit();
    }
}
