using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A node of a witness chain; <c>inactive</c> is written only when true.</summary>
public sealed record ChainNode(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("inactive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Inactive = false);
