using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Telemetry;
using Depc.Kafka.Retrying;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The stages after the consume thread: merge the queued batches of a team (<see cref="BatchMerger"/>),
/// decode and plan them (pure CPU), then write each merge in one store transaction (retried, bisected),
/// report rejections, and only then store the offsets of every batch in it. One writer, so each
/// partition's batches are applied in offset order.
/// </summary>
internal sealed class BatchWriter(
    IngestPipeline pipeline,
    BatchMerger merger,
    BisectingApplier applier,
    IOffsetStore offsets,
    RejectionReporter rejections,
    IngestionStatistics statistics,
    DepcMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    public async Task DecodeAsync(ChannelReader<PendingBatch> input, ChannelWriter<DecodedWork> output, CancellationToken cancellationToken)
    {
        try
        {
            // Merge only once the writer has room: meanwhile batches queue up and join one larger transaction.
            while (await output.WaitToWriteAsync(cancellationToken).ConfigureAwait(false)
                && await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!input.TryRead(out var first))
                {
                    continue;
                }

                var batches = merger.Merge(first, input);
                await output.WriteAsync(new DecodedWork(batches, DecodedWork.Plan(pipeline, batches)), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    public async Task WriteAsync(ChannelReader<DecodedWork> input, CancellationToken cancellationToken)
    {
        await foreach (var work in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // The batches not yet finished; a batch leaves when its partition is abandoned or the write is done.
            var live = new List<PendingBatch>(work.Batches);
            try
            {
                await WriteOneAsync(work, live).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.WriterFailed(logger, e, work.Batches[0].Team.Value, Describe(work.Batches));
                // Going on would commit later offsets of these partitions past an unwritten batch.
                throw;
            }
            finally
            {
                foreach (var batch in live)
                {
                    batch.Partition.BatchFinished();
                }
            }
        }
    }

    private async Task WriteOneAsync(DecodedWork work, List<PendingBatch> live)
    {
        using var span = KafkaBatchSpan.Start(work.Batches);
        var started = time.GetTimestamp();
        var planned = work.Planned;
        IngestReport report;
        while (true)
        {
            if (DropAbandoned(live))
            {
                planned = DecodedWork.Plan(pipeline, live);
            }

            if (planned is null)
            {
                return;
            }

            using var abandon = CancellationTokenSource.CreateLinkedTokenSource([.. live.Select(static b => b.Partition.Token)]);
            try
            {
                report = await applier.ApplyAsync(planned, abandon.Token).ConfigureAwait(false);
                await rejections.ReportAsync(live, report.Rejections, abandon.Token).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                // A partition of this write was abandoned (revocation timeout, lost partition, crash): it is left
                // uncommitted, to be read again by its next owner; the other partitions' batches are written without it.
            }
        }

        foreach (var batch in live)
        {
            offsets.StoreOffsets(batch);
            batch.Partition.Written(batch.LastOffset);
        }

        var team = live[0].Team;
        var elapsed = time.GetElapsedTime(started);
        statistics.Record(team, report, time.GetUtcNow());
        metrics.BatchWritten(team, report, elapsed);
        span.SetOutcome(report);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.BatchWritten(logger, team.Value, Describe(live), report.Received, report.Accepted, report.Rejected, report.Duplicates, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Finishes and removes the batches whose partition was abandoned; true when there were any.</summary>
    private static bool DropAbandoned(List<PendingBatch> live)
    {
        var dropped = live.RemoveAll(static b =>
        {
            if (!b.Partition.IsAbandoned)
            {
                return false;
            }

            b.Partition.BatchFinished();
            return true;
        });
        return dropped > 0;
    }

    private static string Describe(IReadOnlyList<PendingBatch> batches) =>
        string.Join(", ", batches.Select(static b => $"{b.Partition}@{b.FirstOffset}-{b.LastOffset}"));
}
