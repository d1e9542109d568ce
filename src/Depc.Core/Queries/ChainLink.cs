using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A relationship of a witness chain with its periods; <c>inactive</c> is written only when true.</summary>
public sealed record ChainLink(
    [property: JsonPropertyName("periods")] IReadOnlyList<long> Periods,
    [property: JsonPropertyName("inactive"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Inactive = false);
