using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

public sealed record GraphView(
    [property: JsonPropertyName("nodes")] IReadOnlyList<GraphViewNode> Nodes,
    [property: JsonPropertyName("relationships")] IReadOnlyList<GraphViewRelationship> Relationships);
