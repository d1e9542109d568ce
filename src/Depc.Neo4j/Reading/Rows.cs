using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Cypher;

namespace Depc.Neo4j.Reading;

/// <summary>Turns answer rows into Core's values; absent properties come back as JSON null.</summary>
internal static class Rows
{
    /// <summary>The Cypher projection read by <see cref="Node"/>.</summary>
    public static string NodeColumns(string n) => $"id({n}), labels({n}), {n}.name, {n}.from, {n}.to";

    public static long? NullableLong(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    public static long[] Periods(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(p => p.GetInt64())] : [];

    /// <summary>A node from five columns starting at <paramref name="at"/>; null when none of its labels is the team's.</summary>
    public static GraphNode? Node(TeamName team, JsonElement row, int at)
    {
        string? label = null;
        foreach (var stored in row[at + 1].EnumerateArray())
        {
            label ??= CypherText.Unprefixed(team, stored.GetString() ?? "");
        }

        return label is null || row[at + 2].GetString() is not { } name
            ? null
            : new GraphNode(row[at].GetInt64(), label, name, NullableLong(row[at + 3]), NullableLong(row[at + 4]));
    }
}
