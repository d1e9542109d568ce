using System.Text.Json.Serialization;

namespace Depc.Core.Ingestion;

/// <summary>A refused message as reported to its team: where it came from, why, and its (truncated) payload.</summary>
public sealed record MessageRejection(
    [property: JsonPropertyName("origin")] MessageOrigin Origin,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("payload")] string Payload);
