using System.Text.Json;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Each Depc instance's beat as <c>(:_Depc_Instance {id, host, partitions, last_write_at, last_seen_at})</c>, beside the
/// shared <c>Monitoring {name: 'heartbeat'}</c> node; <c>partitions</c> is <see cref="HeldPartitionsJson"/> text.
/// </summary>
internal static class InstanceStatements
{
    public const string Instance = "`_Depc_Instance`";

    public static IEnumerable<CypherStatement> Write(InstanceBeat beat, long forgetBefore)
    {
        yield return new CypherStatement(
            $"MERGE (i:{Instance} {{id: $id}}) SET i.host = $host, i.partitions = $partitions, i.last_write_at = $write, i.last_seen_at = $seen",
            w =>
            {
                w.WriteString("id"u8, beat.Id);
                w.WriteString("host"u8, beat.Host);
                w.WriteString("partitions"u8, HeldPartitionsJson.Encode(beat.Partitions));
                if (beat.LastWriteAt is { } at)
                {
                    w.WriteNumber("write"u8, at);
                }
                else
                {
                    w.WriteNull("write"u8);
                }

                w.WriteNumber("seen"u8, beat.LastSeenAt);
            });
        yield return new CypherStatement(
            $"MATCH (i:{Instance}) WHERE i.last_seen_at < $forget DELETE i",
            w => w.WriteNumber("forget"u8, forgetBefore));
    }

    public static CypherStatement Read(List<InstanceBeat> beats) => new(
        $"MATCH (i:{Instance}) RETURN i.id, i.host, i.partitions, i.last_write_at, i.last_seen_at ORDER BY i.id",
        OnRow: row => beats.Add(new InstanceBeat(
            row[0].GetString()!,
            row[1].ValueKind == JsonValueKind.String ? row[1].GetString()! : "",
            HeldPartitionsJson.Decode(row[2].ValueKind == JsonValueKind.String ? row[2].GetString() : null),
            row[3].ValueKind == JsonValueKind.Number ? row[3].GetInt64() : null,
            row[4].GetInt64())));
}
