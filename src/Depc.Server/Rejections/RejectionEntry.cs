using System.Text.Json.Serialization;

namespace Depc.Server.Rejections;

/// <summary>One rejection in a team's feed: when (Unix seconds), which path (<c>http</c>, <c>kafka</c>), where in it, why, and the payload.</summary>
public sealed record RejectionEntry(
    [property: JsonIgnore] string Team,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("payload")] string Payload);
