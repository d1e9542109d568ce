using Depc.Core.Changes;
using Depc.Core.Naming;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The change index of a team's relationships (<see cref="ChangeBuckets"/>) in Neo4j 3.1, which cannot index
/// relationship properties: one <c>_Depc_Changes_&lt;team&gt; {bucket, ts: [...], ids: [...]}</c> node per bucket a
/// write touches, <c>ids</c> the relationships' ids, the label indexed on <c>bucket</c>. Node bounds need none: the
/// team's labels are indexed on <c>from</c> and <c>to</c>.
/// </summary>
internal static class ChangeStatements
{
    public static CypherStatement Create(TeamName team, ChangeRecorder<long> changes) => new(
        $"UNWIND $rows AS row CREATE (:{CypherText.ChangesLabel(team)} {{bucket: row.bucket, ts: row.ts, ids: row.ids}})",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var (bucket, entries) in changes.Buckets())
            {
                w.WriteStartObject();
                w.WriteNumber("bucket"u8, bucket);
                w.WriteStartArray("ts"u8);
                foreach (var (ts, _) in entries)
                {
                    w.WriteNumberValue(ts);
                }

                w.WriteEndArray();
                w.WriteStartArray("ids"u8);
                foreach (var (_, id) in entries)
                {
                    w.WriteNumberValue(id);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
}
