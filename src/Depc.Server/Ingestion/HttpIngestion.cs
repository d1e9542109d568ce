using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Core.Telemetry;
using Depc.Kafka.Telemetry;
using Depc.Server.Options;
using Depc.Server.Rejections;
using Microsoft.Extensions.Options;

namespace Depc.Server.Ingestion;

/// <summary>
/// The HTTP input: a body is cut into messages that share the request's arrival as their "now", goes through the
/// ingestion seam in ONE store transaction (the graph, the team's counts, its feed entries when the store keeps the
/// feed, and the <c>Idempotency-Key</c> with its answer) and answers with what was applied. A store-wide failure is
/// not turned into rejections: it reaches the exception handler, which answers 503 with <c>Retry-After</c>.
/// </summary>
internal sealed class HttpIngestion(
    IngestPipeline pipeline,
    DepcMetrics metrics,
    RejectionFeed feed,
    FeedRecording feedRecording,
    IOptions<ServerOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time,
    ILogger<HttpIngestion> logger)
{
    // Shared fairly between teams: one team's queue of writes cannot keep another team's request waiting behind it.
    private readonly TeamFairGate _gate = new(options.Value.MaxConcurrentIngests);

    public async Task<HttpIngestResult> IngestAsync(TeamName team, HttpRequest request, bool dryRun, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var arrival = time.GetUtcNow();
        using var span = DepcTracing.Source.StartActivity("depc.http.ingest");
        span?.SetTag(DepcTracing.Team, team.Value).SetTag("depc.dry_run", dryRun);
        var limits = options.Value;
        var (body, readError) = await RequestBody.ReadAsync(request, limits, cancellationToken).ConfigureAwait(false);
        if (readError is not null)
        {
            span?.SetStatus(ActivityStatusCode.Error, readError.Detail);
            return HttpIngestResult.Refused(readError);
        }

        // The messages point into the pooled body: it goes back to the pool only when the write is done.
        using var pooled = body!;
        var bytes = pooled.Memory;
        span?.SetTag("depc.request.bytes", bytes.Length);
        var messages = new List<RawMessage>();
        if (MessageSplitter.Split(bytes, arrival.ToUnixTimeSeconds(), limits.MaxMessagesPerRequest, messages) is { } splitError)
        {
            span?.SetStatus(ActivityStatusCode.Error, splitError.Detail);
            return HttpIngestResult.Refused(splitError);
        }

        span?.SetTag(DepcTracing.Messages, messages.Count);

        await _gate.EnterAsync(team.Value, cancellationToken).ConfigureAwait(false);
        WriteOutcome outcome;
        TimeSpan elapsed;
        try
        {
            var planned = pipeline.Plan(team, messages);
            if (dryRun)
            {
                return HttpIngestResult.Answered(Answer(planned.ToDryRunReport()));
            }

            var write = new StoreWrite(planned, arrival.ToUnixTimeSeconds())
            {
                Feed = pipeline.Store.KeepsRejectionFeed ? feedRecording : null,
                Idempotency = idempotencyKey is null ? null : new IdempotencyClaim(idempotencyKey!, SHA256.HashData(bytes.Span), limits.IdempotencyRetention, Answer),
            };
            var started = Stopwatch.GetTimestamp();
            outcome = await pipeline.WriteAsync(write, cancellationToken).ConfigureAwait(false);
            elapsed = Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            _gate.Release();
        }

        if (outcome.Answer is { } kept)
        {
            Log.IdempotentReplay(logger, team.Value, idempotencyKey!);
            span?.SetTag("depc.idempotent_replay", true);
            return kept.IsFor(SHA256.HashData(bytes.Span)) ? HttpIngestResult.Replay(kept.Answer) : HttpIngestResult.Refused(BodyError.KeyReused(idempotencyKey!));
        }

        var report = outcome.Report;
        span.SetOutcome(report);
        metrics.BatchWritten(team, report, elapsed);
        Log.HttpBatchIngested(logger, team.Value, report.Received, report.Accepted, report.Rejected, report.Duplicates, elapsed.TotalMilliseconds);
        if (!pipeline.Store.KeepsRejectionFeed)
        {
            await RecordRejectionsAsync(team, report.Rejections, arrival, limits.RejectionRetention).ConfigureAwait(false);
        }

        return HttpIngestResult.Answered(Answer(report));
    }

    // The answer's JSON, made once: the same text is sent now and kept for a repeat of the request's key.
    private string Answer(IngestReport report) => JsonSerializer.Serialize(IngestAnswer.Of(report, options.Value.MaxListedRejections), json.Value.SerializerOptions);

    private async Task RecordRejectionsAsync(TeamName team, IReadOnlyList<MessageRejection> rejections, DateTimeOffset now, int retention)
    {
        // Only the newest can survive the feed's retention.
        var newest = rejections.Count > retention ? [.. rejections.Skip(rejections.Count - retention)] : rejections;
        try
        {
            // Not the request's token: the graph is written, so the feed should be too even if the client left.
            await feed.RecordAsync(team, newest, now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.RejectionFeedFailed(logger, team.Value, newest.Count, e);
        }
    }
}
