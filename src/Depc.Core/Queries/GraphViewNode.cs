using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A node of the drawable graph in a dependencies answer.</summary>
public sealed record GraphViewNode(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("title")] string Title);
