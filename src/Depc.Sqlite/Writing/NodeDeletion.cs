using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Sqlite.Reading;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>Deletes a node, refusing while it still has relationships unless asked to detach them.</summary>
internal static class NodeDeletion
{
    public static DeleteOutcome Delete(SqliteConnection connection, TeamName team, string label, string name, bool detach)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var find = GraphReader.Command(
            connection,
            "SELECT id, (SELECT count(*) FROM relationships WHERE source_id = n.id OR target_id = n.id) FROM nodes n WHERE team = @team AND label = @label AND name = @name",
            ("@team", team.Value),
            ("@label", label),
            ("@name", name));
        find.Transaction = transaction;
        long id, links;
        using (var reader = find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return DeleteOutcome.NotFound;
            }

            (id, links) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (links > 0 && !detach)
        {
            return DeleteOutcome.HasRelationships;
        }

        using var delete = GraphReader.Command(
            connection,
            "DELETE FROM relationships WHERE source_id = @id OR target_id = @id; DELETE FROM nodes WHERE id = @id; UPDATE meta SET value = value + 1 WHERE key = 'generation';",
            ("@id", id));
        delete.Transaction = transaction;
        delete.ExecuteNonQuery();
        transaction.Commit();
        return DeleteOutcome.Deleted;
    }
}
