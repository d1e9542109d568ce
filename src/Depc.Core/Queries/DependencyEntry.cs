using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A node in a dependencies answer; <c>Periods</c> are those of the link to the queried node (absent for that node itself).</summary>
public sealed record DependencyEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? From,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? To,
    [property: JsonPropertyName("periods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? Periods,
    [property: JsonPropertyName("inactive")] bool Inactive);
