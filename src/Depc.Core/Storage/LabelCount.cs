using System.Text.Json.Serialization;

namespace Depc.Core.Storage;

public sealed record LabelCount(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nodes_count")] long NodesCount);
