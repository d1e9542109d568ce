using System.Text.Json;
using Depc.Core.Periods;

namespace Depc.Neo4j.Writing;

/// <summary>A relationship of the batch as the read request found it: its id and its state.</summary>
internal readonly record struct StoredRelationship(long Id, RelationshipState? State)
{
    /// <summary>Reads <c>[row.k, id(r), r.periods, r.last_state, r.last_ts]</c> (key excluded).</summary>
    public static StoredRelationship FromRow(JsonElement row) => new(row[1].GetInt64(), ParseState(row[2], row[3], row[4]));

    public static RelationshipState? ParseState(JsonElement periods, JsonElement lastState, JsonElement lastTs)
    {
        var list = periods.ValueKind == JsonValueKind.Array ? periods.EnumerateArray().Select(p => p.GetInt64()).ToArray() : [];
        if (list.Length == 0 && lastState.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Graphs written by hand may lack last_state/last_ts: the periods say the same.
        var state = lastState.ValueKind == JsonValueKind.String
            ? (lastState.GetString() == "to" ? LastState.To : LastState.From)
            : (list.Length % 2 == 1 ? LastState.From : LastState.To);
        var ts = lastTs.ValueKind == JsonValueKind.Number ? lastTs.GetInt64() : list.Length > 0 ? list[^1] : 0;
        return new RelationshipState(list, state, ts);
    }
}
