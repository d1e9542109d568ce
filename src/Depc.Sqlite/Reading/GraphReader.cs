using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Reading;

/// <summary>The queries of SPEC §6 on one (pooled) read connection; WAL lets them run beside a writer.</summary>
internal static class GraphReader
{
    public static List<LabelCount> Labels(SqliteConnection c, TeamName team)
    {
        using var command = Command(c, "SELECT label, count(*) FROM nodes WHERE team = @team GROUP BY label ORDER BY label", ("@team", team.Value));
        using var reader = command.ExecuteReader();
        var result = new List<LabelCount>();
        while (reader.Read())
        {
            result.Add(new LabelCount(reader.GetString(0), reader.GetInt64(1)));
        }

        return result;
    }

    public static List<string> NodeNames(SqliteConnection c, TeamName team, string label, NodeListQuery query)
    {
        var order = query.Random ? "random()" : "name";
        using var command = Command(
            c,
            $"SELECT name FROM nodes WHERE team = @team AND label = @label AND (@q IS NULL OR instr(name, @q) > 0) ORDER BY {order} LIMIT @limit",
            ("@team", team.Value),
            ("@label", label),
            ("@q", query.NameContains),
            ("@limit", query.Limit ?? -1));
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public static GraphNode? Node(SqliteConnection c, TeamName team, string label, string name)
    {
        using var command = Command(
            c,
            """SELECT id, label, name, "from", "to" FROM nodes WHERE team = @team AND label = @label AND name = @name""",
            ("@team", team.Value),
            ("@label", label),
            ("@name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadNode(reader, 0) : null;
    }

    public static long CountDependencies(SqliteConnection c, TeamName team, string label, string name)
    {
        using var command = Command(
            c,
            "SELECT count(*) FROM nodes n JOIN relationships r ON r.source_id = n.id WHERE n.team = @team AND n.label = @label AND n.name = @name",
            ("@team", team.Value),
            ("@label", label),
            ("@name", name));
        return (long)command.ExecuteScalar()!;
    }

    public static List<Neighbour> Neighbours(SqliteConnection c, TeamName team, string label, string name, Direction direction)
    {
        var (self, other) = direction == Direction.Dependencies ? ("source_id", "target_id") : ("target_id", "source_id");
        using var command = Command(
            c,
            $"""
             SELECT m.id, m.label, m.name, m."from", m."to", r.id, r.periods
             FROM nodes n JOIN relationships r ON r.{self} = n.id JOIN nodes m ON m.id = r.{other}
             WHERE n.team = @team AND n.label = @label AND n.name = @name
             """,
            ("@team", team.Value),
            ("@label", label),
            ("@name", name));
        using var reader = command.ExecuteReader();
        var result = new List<Neighbour>();
        while (reader.Read())
        {
            result.Add(new Neighbour(ReadNode(reader, 0), reader.GetInt64(5), PeriodsCodec.Decode(reader.GetString(6))));
        }

        return result;
    }

    public static long? Heartbeat(SqliteConnection c)
    {
        using var command = Command(c, "SELECT value FROM monitoring WHERE name = 'heartbeat'");
        return command.ExecuteScalar() is long value ? value : null;
    }

    internal static GraphNode ReadNode(SqliteDataReader reader, int at) => new(
        reader.GetInt64(at),
        reader.GetString(at + 1),
        reader.GetString(at + 2),
        reader.IsDBNull(at + 3) ? null : reader.GetInt64(at + 3),
        reader.IsDBNull(at + 4) ? null : reader.GetInt64(at + 4));

    internal static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (n, v) in parameters)
        {
            command.Parameters.AddWithValue(n, v ?? DBNull.Value);
        }

        return command;
    }
}
