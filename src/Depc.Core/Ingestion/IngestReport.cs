using System.Text.Json.Serialization;

namespace Depc.Core.Ingestion;

/// <summary>The outcome of ingesting messages: <c>received = accepted + rejected + duplicates</c>.</summary>
public sealed record IngestReport(
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonIgnore] IReadOnlyList<MessageRejection> Rejections)
{
    public static IngestReport Empty { get; } = new(0, 0, 0, 0, []);

    /// <summary>Old periods dropped to keep relationships within their limit (a metric, not a message outcome).</summary>
    [JsonIgnore]
    public long TrimmedPeriods { get; init; }

    public IngestReport Add(IngestReport other) => new(
        Received + other.Received,
        Accepted + other.Accepted,
        Rejected + other.Rejected,
        Duplicates + other.Duplicates,
        [.. Rejections, .. other.Rejections])
    {
        TrimmedPeriods = TrimmedPeriods + other.TrimmedPeriods,
    };
}
