using Depc.Core.Changes;
using Depc.Core.Periods;
using Depc.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Schema;

/// <summary>
/// Fills the change index of a file written before it existed, once, when the <c>changes</c> table is created: every
/// stored period boundary and node bound, as the writer would have recorded them. Runs in the schema's transaction,
/// a team's entries written every <see cref="FlushEvery"/> so that memory stays bounded on any graph.
/// </summary>
internal static class ChangeIndexBackfill
{
    private const int FlushEvery = 100_000;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var rows = new ChangeRows(connection);
        var changes = new ChangeRecorder<ChangedElement>();
        Scan(
            connection,
            transaction,
            "SELECT s.team, r.source_id, r.target_id, r.periods FROM relationships r JOIN nodes s ON s.id = r.source_id ORDER BY s.team",
            rows,
            changes,
            reader => changes.Relationship(
                new ChangedElement(reader.GetInt64(1), reader.GetInt64(2)),
                null,
                new RelationshipState(PeriodsCodec.Decode(reader.GetString(3)), LastState.From, 0)));
        Scan(
            connection,
            transaction,
            """SELECT team, id, "from", "to" FROM nodes WHERE "from" IS NOT NULL OR "to" IS NOT NULL ORDER BY team""",
            rows,
            changes,
            reader => changes.Node(
                ChangedElement.Node(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3)));
    }

    private static void Scan(
        SqliteConnection connection, SqliteTransaction transaction, string sql, ChangeRows rows, ChangeRecorder<ChangedElement> changes, Action<SqliteDataReader> record)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        string? team = null;
        while (reader.Read())
        {
            var next = reader.GetString(0);
            if (team is not null && (next != team || changes.Count >= FlushEvery))
            {
                rows.Write(team, changes);
                changes.Clear();
            }

            team = next;
            record(reader);
        }

        if (team is not null)
        {
            rows.Write(team, changes);
            changes.Clear();
        }
    }
}
