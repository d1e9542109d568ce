using System.Text.Json.Serialization;
using Depc.Core.Ingestion;

namespace Depc.Server.Ingestion;

/// <summary>
/// The answer to <c>POST …/messages</c>: the counts of <c>depc ingest</c> (always exact) and one entry per rejected
/// message, at most <c>Depc:MaxListedRejections</c> of them: the answer is kept with an <c>Idempotency-Key</c> and built
/// in memory, so a body of 100,000 refused lines must not make it as large as the body. <c>rejections_not_listed</c>
/// says how many were left out (all of them are in the team's feed and counts).
/// </summary>
internal sealed record IngestAnswer(
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("rejections")] IReadOnlyList<MessageRejection> Rejections,
    [property: JsonPropertyName("rejections_not_listed")] long RejectionsNotListed)
{
    public static IngestAnswer Of(IngestReport report, int maxListed)
    {
        var all = report.Rejections;
        if (all.Count <= maxListed)
        {
            return new(report.Received, report.Accepted, report.Rejected, report.Duplicates, all, 0);
        }

        // The first ones, in body order: the client fixes its input from the top.
        return new(report.Received, report.Accepted, report.Rejected, report.Duplicates, [.. all.Take(maxListed)], all.Count - maxListed);
    }
}
