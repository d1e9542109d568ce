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
    private static readonly Polly.ResiliencePropertyKey<string> TeamKey = new("depc.team");

    private readonly SemaphoreSlim _gate = new(options.Value.MaxConcurrentIngests);

    // A request is one transaction, rolled back when it fails: a race with another writer (a deadlock, a constraint
    // created meanwhile) or a Neo4j leader change is written again after a short wait, within a few seconds.
    private readonly Polly.ResiliencePipeline _retry = Core.Storage.StoreRetry.Create(
        8, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), time, args =>
        {
            Log.HttpWriteRetry(logger, args.Outcome.Exception, args.Context.Properties.GetValue(TeamKey, "?"), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
            return default;
        });

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
            report = await WriteAsync(team, decoded, cancellationToken).ConfigureAwait(false);
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

    private async Task<IngestReport> WriteAsync(TeamName team, DecodedBatch decoded, CancellationToken cancellationToken)
    {
        // Planned once: every attempt writes the same plan, with the same "now" for messages without bounds.
        var planned = pipeline.Plan(decoded);
        var context = Polly.ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TeamKey, team.Value);
        try
        {
            return await _retry.ExecuteAsync(
                static async (context, state) => await state.pipeline.ApplyAsync(state.planned, context.CancellationToken).ConfigureAwait(false),
                context,
                (pipeline, planned)).ConfigureAwait(false);
        }
        finally
        {
            Polly.ResilienceContextPool.Shared.Return(context);
        }
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
