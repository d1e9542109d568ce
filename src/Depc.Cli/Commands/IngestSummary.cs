using System.Text.Json.Serialization;
using Depc.Core.Ingestion;

namespace Depc.Cli.Commands;

/// <summary>The line <c>depc ingest</c> ends with: the run's counts, as <see cref="IngestReport"/> prints them.</summary>
internal sealed record IngestSummary(
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("duplicates")] long Duplicates)
{
    public static IngestSummary Of(IngestReport report) => new(report.Received, report.Accepted, report.Rejected, report.Duplicates);
}
