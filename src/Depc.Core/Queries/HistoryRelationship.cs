using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>
/// One relationship touching the node: <c>out</c> when the node depends on the other one (label, name), <c>in</c>
/// when the other one depends on it; with every period the store keeps.
/// </summary>
public sealed record HistoryRelationship(
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("periods")] IReadOnlyList<long> Periods);
