using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>The node whose history is told, with its own bounds (absent ones left out).</summary>
public sealed record HistoryNode(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? From,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? To);
