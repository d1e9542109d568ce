using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Retrying;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The stages after the consume thread: decode (pure CPU), then write one batch per store
/// transaction (retried, bisected), report rejections, and only then store the batch's offsets.
/// One writer, so each partition's batches are applied in offset order.
/// </summary>
internal sealed class BatchWriter(
    IngestPipeline pipeline,
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
            await foreach (var batch in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var decoded = batch.Partition.IsAbandoned ? null : pipeline.Decode(batch.Team, batch.Messages);
                await output.WriteAsync(new DecodedWork(batch, decoded), cancellationToken).ConfigureAwait(false);
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
            try
            {
                await WriteOneAsync(work).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var b = work.Batch;
                Log.WriterFailed(logger, e, b.Team.Value, b.Topic, b.PartitionId, b.FirstOffset, b.LastOffset);
                // Going on would commit later offsets of this partition past an unwritten batch.
                throw;
            }
            finally
            {
                work.Batch.Partition.BatchFinished();
            }
        }
    }

    private async Task WriteOneAsync(DecodedWork work)
    {
        var batch = work.Batch;
        var state = batch.Partition;
        if (work.Decoded is null || state.IsAbandoned)
        {
            return;
        }

        var started = time.GetTimestamp();
        IngestReport report;
        try
        {
            report = await applier.ApplyAsync(work.Decoded, state.Token).ConfigureAwait(false);
            await rejections.ReportAsync(batch, report.Rejections, state.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (state.Token.IsCancellationRequested)
        {
            // Abandoned (revocation timeout, lost partition, crash): left uncommitted, read again later.
            return;
        }

        offsets.StoreOffsets(batch);
        state.Written(batch.LastOffset);
        var elapsed = time.GetElapsedTime(started);
        statistics.Record(batch.Team, report, time.GetUtcNow());
        metrics.BatchWritten(batch.Team, report, elapsed);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.BatchWritten(logger, batch.Team.Value, batch.Topic, batch.PartitionId, batch.FirstOffset, batch.LastOffset, report.Received, report.Accepted, report.Rejected, report.Duplicates, elapsed.TotalMilliseconds);
        }
    }
}
