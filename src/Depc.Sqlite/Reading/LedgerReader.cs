using Depc.Core.Naming;
using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Reading;

/// <summary>Reads what <c>LedgerWriter</c> keeps beside the graph: a group's positions and a team's counts.</summary>
internal static class LedgerReader
{
    public static List<StoredPosition> Positions(SqliteConnection connection, string group, string topic)
    {
        using var command = GraphReader.Command(
            connection,
            "SELECT partition, next_offset FROM depc_positions WHERE consumer_group = @g AND topic = @t ORDER BY partition",
            ("@g", group),
            ("@t", topic));
        using var reader = command.ExecuteReader();
        var positions = new List<StoredPosition>();
        while (reader.Read())
        {
            positions.Add(new StoredPosition(topic, reader.GetInt32(0), reader.GetInt64(1)));
        }

        return positions;
    }

    public static TeamCounts Counts(SqliteConnection connection, TeamName team)
    {
        using var command = GraphReader.Command(
            connection,
            "SELECT received, accepted, rejected, duplicates, last_message_at FROM depc_team_counts WHERE team = @t",
            ("@t", team.Value));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TeamCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt64(4))
            : TeamCounts.None;
    }
}
