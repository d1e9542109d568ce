using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>
/// A node impacted by a failure; <c>Active</c> when some path to the failed node is wholly active at the moment asked.
/// <c>Path</c>, when asked for, is its witness chain (as in <see cref="WhyAnswer"/>).
/// </summary>
public sealed record ImpactedNode(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? From,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? To,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("path"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChainNode>? Path = null);
