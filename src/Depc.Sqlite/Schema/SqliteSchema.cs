using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Schema;

/// <summary>
/// The embedded graph: nodes unique per (team, label, name), one row per <c>DEPENDS_ON</c> with its
/// periods as a JSON list, and a <c>generation</c> counter every writer bumps so that caches held by
/// one process notice writes made by another.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

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
        CREATE TABLE IF NOT EXISTS monitoring (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);
        """;

    public static void Create(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new Core.Storage.StoreException(
                $"the database was written by a newer Depc (schema {version}, this one knows {Version})", isTransient: false);
        }

        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.CommandText = Ddl + $"PRAGMA user_version = {Version};";
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
