using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Reading;

/// <summary>The <c>depc_instances</c> table: one row per instance, its partitions as a JSON list of <c>[topic, partition, lag]</c>.</summary>
internal static class InstanceRows
{
    public static int Write(SqliteConnection c, InstanceBeat beat, long forgetBefore)
    {
        using var command = GraphReader.Command(
            c,
            "INSERT INTO depc_instances (id, host, partitions, last_write_at, last_seen_at) VALUES (@id, @host, @partitions, @write, @seen) " +
            "ON CONFLICT (id) DO UPDATE SET host = excluded.host, partitions = excluded.partitions, last_write_at = excluded.last_write_at, last_seen_at = excluded.last_seen_at; " +
            "DELETE FROM depc_instances WHERE last_seen_at < @forget",
            ("@id", beat.Id),
            ("@host", beat.Host),
            ("@partitions", HeldPartitionsJson.Encode(beat.Partitions)),
            ("@write", beat.LastWriteAt),
            ("@seen", beat.LastSeenAt),
            ("@forget", forgetBefore));
        return command.ExecuteNonQuery();
    }

    public static IReadOnlyList<InstanceBeat> Read(SqliteConnection c)
    {
        using var command = GraphReader.Command(c, "SELECT id, host, partitions, last_write_at, last_seen_at FROM depc_instances ORDER BY id");
        using var reader = command.ExecuteReader();
        var beats = new List<InstanceBeat>();
        while (reader.Read())
        {
            beats.Add(new InstanceBeat(
                reader.GetString(0),
                reader.GetString(1),
                HeldPartitionsJson.Decode(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.GetInt64(4)));
        }

        return beats;
    }
}
