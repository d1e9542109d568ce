using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>The nodes and relationships that appeared (or disappeared) between two moments, each list sorted and paged.</summary>
public sealed record DiffSide(
    [property: JsonPropertyName("nodes")] IReadOnlyList<NodeKey> Nodes,
    [property: JsonPropertyName("relationships")] IReadOnlyList<RelationshipKey> Relationships);
