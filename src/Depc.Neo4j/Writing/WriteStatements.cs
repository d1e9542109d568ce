using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>The Cypher of a batch: one <c>UNWIND</c> statement per label and per label pair, plain Cypher only.</summary>
internal static class WriteStatements
{
    /// <summary>Upserts a label's nodes; a null from/to keeps the stored value.</summary>
    public static CypherStatement Nodes(TeamName team, LabelNodes group) => new(
        $"UNWIND $rows AS row MERGE (n:{CypherText.Label(team, group.Label)} {{name: row.name}}) " +
        "SET n.from = coalesce(row.from, n.from), n.to = coalesce(row.to, n.to)",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var node in group.Nodes)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, node.Name);
                WriteNullable(w, "from"u8, node.From);
                WriteNullable(w, "to"u8, node.To);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    /// <summary>
    /// Makes sure each relationship exists, takes its write lock (so a concurrent writer of the same relationship
    /// waits until this transaction ends) and only then reads its state: read-compute-write loses no update.
    /// </summary>
    public static CypherStatement LockAndRead(TeamName team, RelationshipGroup group, StoredRelationship?[] stored) => new(
        // MERGE, not MATCH, for the nodes (written just before): MERGE always seeks the unique index, while
        // 3.1's cost planner, on a label it believes small, scans the index for every row.
        $"UNWIND $rows AS row MERGE (s:{CypherText.Label(team, group.SourceLabel)} {{name: row.s}}) " +
        $"MERGE (t:{CypherText.Label(team, group.TargetLabel)} {{name: row.t}}) " +
        "MERGE (s)-[r:DEPENDS_ON]->(t) ON CREATE SET r.`__new` = true " +
        "SET r.`__lock` = true REMOVE r.`__lock` " +
        "RETURN row.i, id(r), r.periods, r.last_state, r.last_ts, r.`__new`",
        w =>
        {
            w.WriteStartArray("rows"u8);
            for (var i = 0; i < group.Relationships.Count; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("i"u8, i);
                w.WriteString("s"u8, group.Relationships[i].SourceName);
                w.WriteString("t"u8, group.Relationships[i].TargetName);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        },
        row =>
        {
            // Legacy graphs may hold several relationships between two nodes: the first one speaks for them.
            var i = row[0].GetInt32();
            stored[i] ??= StoredRelationship.FromRow(row);
        });

    public static CypherStatement WriteStates(List<(long Id, RelationshipState State)> changes) => new(
        "UNWIND $rows AS row MATCH ()-[r:DEPENDS_ON]->() WHERE id(r) = row.id " +
        "SET r.periods = row.periods, r.last_state = row.state, r.last_ts = row.ts REMOVE r.`__new`",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var (id, state) in changes)
            {
                w.WriteStartObject();
                w.WriteNumber("id"u8, id);
                w.WriteStartArray("periods"u8);
                foreach (var p in state.Periods)
                {
                    w.WriteNumberValue(p);
                }

                w.WriteEndArray();
                w.WriteString("state"u8, RelationshipState.StateText(state.LastState));
                w.WriteNumber("ts"u8, state.LastTs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    /// <summary>Removes relationships this transaction created only to lock them, when no event was accepted.</summary>
    public static CypherStatement DeleteUnused(List<long> ids) => new(
        "UNWIND $ids AS id MATCH ()-[r:DEPENDS_ON]->() WHERE id(r) = id DELETE r",
        w =>
        {
            w.WriteStartArray("ids"u8);
            foreach (var id in ids)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
        });

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
