using System.Diagnostics;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Telemetry;
using Depc.Kafka.Telemetry;
using Depc.Server.Options;
using Depc.Server.Rejections;
using Microsoft.Extensions.Options;

namespace Depc.Server.Ingestion;

/// <summary>
/// The HTTP input: a body is cut into messages, decoded by the shared pipeline and written in ONE
/// store transaction (no partial write), then counted and its rejections put in the team's feed,
/// exactly like a Kafka batch.
/// </summary>
internal sealed class HttpIngestion(
    IngestPipeline pipeline,
    IngestionStatistics statistics,
    DepcMetrics metrics,
    RejectionFeed feed,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<HttpIngestion> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Value.MaxConcurrentIngests);

    public void Dispose() => _gate.Dispose();

    public async Task<(IngestAnswer? Answer, BodyError? Error)> IngestAsync(TeamName team, HttpRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        using var span = DepcTracing.Source.StartActivity("depc.http.ingest");
        span?.SetTag(DepcTracing.Team, team.Value).SetTag("depc.dry_run", dryRun);
        var limits = options.Value;
        var (body, readError) = await RequestBody.ReadAsync(request, limits.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, readError.Detail);
            return (null, readError);
        }

        span?.SetTag("depc.request.bytes", body!.Length);

        var messages = new List<RawMessage>();
        if (MessageSplitter.Split(body, limits.MaxMessagesPerRequest, messages) is { } splitError)
        {
            span?.SetStatus(ActivityStatusCode.Error, splitError.Detail);
            return (null, splitError);
        }

        span?.SetTag(DepcTracing.Messages, messages.Count);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IngestReport report;
        TimeSpan elapsed;
        try
        {
            var decoded = pipeline.Decode(team, messages);
            if (dryRun)
            {
                return (IngestAnswer.Of(decoded.ToDryRunReport()), null);
            }

            var started = Stopwatch.GetTimestamp();
            report = await pipeline.ApplyAsync(decoded, cancellationToken).ConfigureAwait(false);
            elapsed = Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            _gate.Release();
        }

        span.SetOutcome(report);
        var now = time.GetUtcNow();
        statistics.Record(team, report, now);
        metrics.BatchWritten(team, report, elapsed);
        Log.HttpBatchIngested(logger, team.Value, report.Received, report.Accepted, report.Rejected, report.Duplicates, elapsed.TotalMilliseconds);
        await RecordRejectionsAsync(team, report.Rejections, now, limits.RejectionRetention).ConfigureAwait(false);
        return (IngestAnswer.Of(report), null);
    }

    private async Task RecordRejectionsAsync(TeamName team, IReadOnlyList<MessageRejection> rejections, DateTimeOffset now, int retention)
    {
        // Only the newest can survive the feed's retention.
        var newest = rejections.Count > retention ? [.. rejections.Skip(rejections.Count - retention)] : rejections;
        try
        {
            // Not the request's token: the graph is written, so the feed should be too even if the client left.
            await feed.RecordAsync(team, newest, RejectionFeed.HttpSource, now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.RejectionFeedFailed(logger, team.Value, newest.Count, e);
        }
    }
}
