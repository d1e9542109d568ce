using System.Text.Json.Serialization;
using Depc.Core.Ingestion;

namespace Depc.Server.Ingestion;

/// <summary>The answer to <c>POST …/messages</c>: the counts of <c>depc ingest</c> and one entry per rejected message.</summary>
internal sealed record IngestAnswer(
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejections")] IReadOnlyList<MessageRejection> Rejections)
{
    public static IngestAnswer Of(IngestReport report) =>
        new(report.Received, report.Accepted, report.Rejected, report.Duplicates, report.Rejections);
}
