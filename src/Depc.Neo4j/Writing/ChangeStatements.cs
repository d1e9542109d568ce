using Depc.Core.Changes;
using Depc.Core.Naming;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The change index of a team's relationships (<see cref="ChangeBuckets"/>) in Neo4j 3.1, which cannot index
/// relationship properties: one <c>_Depc_Changes_&lt;team&gt; {bucket, ts: [...], sources: [...], targets: [...]}</c>
/// node per bucket a write touches, each entry a relationship named by the ids of its two nodes (a batch creates new
/// relationships in its commit request, so it knows their nodes' ids, not theirs), the label indexed on
/// <c>bucket</c>. Node bounds need none: the team's labels are indexed on <c>from</c> and <c>to</c>.
/// </summary>
internal static class ChangeStatements
{
    public static CypherStatement Create(TeamName team, ChangeRecorder<(long Source, long Target)> changes) => new(
        $"UNWIND $rows AS row CREATE (:{CypherText.ChangesLabel(team)} {{bucket: row.bucket, ts: row.ts, sources: row.sources, targets: row.targets}})",
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
                w.WriteStartArray("sources"u8);
                foreach (var (_, (source, _)) in entries)
                {
                    w.WriteNumberValue(source);
                }

                w.WriteEndArray();
                w.WriteStartArray("targets"u8);
                foreach (var (_, (_, target)) in entries)
                {
                    w.WriteNumberValue(target);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
}
