using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A node's history (SPEC §7.10): its bounds and every relationship touching it, sorted by (direction, label, name).</summary>
public sealed record HistoryAnswer(
    [property: JsonPropertyName("node")] HistoryNode Node,
    [property: JsonPropertyName("relationships")] IReadOnlyList<HistoryRelationship> Relationships);
