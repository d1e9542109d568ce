using System.Diagnostics;
using Depc.Core.Ingestion;

namespace Depc.Core.Telemetry;

/// <summary>
/// The <c>Depc</c> activity source: a span per Kafka batch write, store write, HTTP ingest and query, with the team,
/// partitions and counts as tags. Without a listener (no tracing configured, as in <c>depc ingest</c>) starting a span
/// costs a check and nothing more.
/// </summary>
public static class DepcTracing
{
    public const string SourceName = "Depc";

    public const string Team = "depc.team";
    public const string Messages = "depc.messages";
    public const string Accepted = "depc.accepted";
    public const string Rejected = "depc.rejected";
    public const string Duplicates = "depc.duplicates";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Tags the outcome counts of a written batch on a span (nothing when there is no span).</summary>
    public static void SetOutcome(this System.Diagnostics.Activity? activity, IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        activity?.SetTag(Accepted, report.Accepted)
            .SetTag(Rejected, report.Rejected)
            .SetTag(Duplicates, report.Duplicates);
    }
}
