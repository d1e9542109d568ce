using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A relationship of the drawable graph: <c>From</c> depends on <c>To</c> (node ids).</summary>
public sealed record GraphViewRelationship(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("periods")] IReadOnlyList<long> Periods);
