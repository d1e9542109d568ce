using System.Text.Json;
using Depc.Core.Periods;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The relationship statements of a batch. They name nodes and relationships by the ids the lock request returned,
/// never by label: their text is the same for every team and batch (planned once by the server), and an id seek
/// costs less than a second index seek per relationship.
/// </summary>
internal static class RelationshipStatements
{
    /// <summary>Reads the stored relationships between locked nodes; row <c>k</c> of <paramref name="pairs"/> lands in <c>stored[k]</c>.</summary>
    public static CypherStatement Read(List<(int Key, long Source, long Target)> pairs, StoredRelationship?[] stored) => new(
        "UNWIND $rows AS row MATCH (s) WHERE id(s) = row.s MATCH (t) WHERE id(t) = row.t " +
        "MATCH (s)-[r:DEPENDS_ON]->(t) RETURN row.k, id(r), r.periods, r.last_state, r.last_ts",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var (key, source, target) in pairs)
            {
                w.WriteStartObject();
                w.WriteNumber("k"u8, key);
                w.WriteNumber("s"u8, source);
                w.WriteNumber("t"u8, target);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        },
        // Legacy graphs may hold several relationships between two nodes: the first one speaks for them.
        row => stored[row[0].GetInt32()] ??= StoredRelationship.FromRow(row));

    /// <summary>Creates relationships known to be absent (their nodes are locked, so none can appear meanwhile).</summary>
    public static CypherStatement Create(List<(long Source, long Target, RelationshipState State)> created) => new(
        "UNWIND $rows AS row MATCH (s) WHERE id(s) = row.s MATCH (t) WHERE id(t) = row.t " +
        "CREATE (s)-[:DEPENDS_ON {periods: row.periods, last_state: row.state, last_ts: row.ts}]->(t)",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var (source, target, state) in created)
            {
                w.WriteStartObject();
                w.WriteNumber("s"u8, source);
                w.WriteNumber("t"u8, target);
                WriteState(w, state);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    public static CypherStatement Update(List<(long Id, RelationshipState State)> changes) => new(
        "UNWIND $rows AS row MATCH ()-[r:DEPENDS_ON]->() WHERE id(r) = row.id " +
        "SET r.periods = row.periods, r.last_state = row.state, r.last_ts = row.ts",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var (id, state) in changes)
            {
                w.WriteStartObject();
                w.WriteNumber("id"u8, id);
                WriteState(w, state);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    private static void WriteState(Utf8JsonWriter w, RelationshipState state)
    {
        w.WriteStartArray("periods"u8);
        foreach (var p in state.Periods)
        {
            w.WriteNumberValue(p);
        }

        w.WriteEndArray();
        w.WriteString("state"u8, RelationshipState.StateText(state.LastState));
        w.WriteNumber("ts"u8, state.LastTs);
    }
}
