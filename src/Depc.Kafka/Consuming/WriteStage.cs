using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Storage;
using Depc.Core.Telemetry;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Everything after the consume thread, on two tasks: (1) take a team's waiting batches as <see cref="BatchMerger"/>
/// chooses, decode and plan them once (<see cref="KafkaWrite"/>) while the previous write runs; (2) write each through
/// the ingestion seam (<see cref="IngestPipeline.WriteAsync"/>: the graph, the claimed positions, the counts and the
/// feed in one transaction, store-wide failures retried forever, refused messages isolated, fenced messages left out),
/// then record how far each partition is applied (for <see cref="PositionTracker"/>) and report the rejections. One writer, so each
/// partition's batches reach the store in offset order.
/// </summary>
internal sealed class WriteStage(
    IngestPipeline pipeline,
    BatchMerger merger,
    RejectionReporter rejections,
    WriteSettings settings,
    DepcMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    public async Task PlanAsync(WaitingBatches waiting, ChannelWriter<KafkaWrite> output, CancellationToken cancellationToken)
    {
        try
        {
            // Merge only once the writer has room: meanwhile batches queue up and join one larger transaction.
            while (await output.WaitToWriteAsync(cancellationToken).ConfigureAwait(false)
                && await waiting.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                var batches = waiting.Take(merger.Choose);
                if (batches.Count == 0)
                {
                    continue;
                }

                if (KafkaWrite.Plan(pipeline, batches) is { } write)
                {
                    await output.WriteAsync(write, cancellationToken).ConfigureAwait(false);
                }

                // Batches of abandoned partitions are dropped here, finished at once.
                foreach (var batch in batches.Where(static b => b.Partition.IsAbandoned))
                {
                    batch.Partition.BatchFinished();
                }
            }
        }
        finally
        {
            output.TryComplete();
        }
    }

    public async Task WriteAsync(ChannelReader<KafkaWrite> input, CancellationToken cancellationToken)
    {
        await foreach (var write in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // The batches not yet finished; a batch leaves when its partition is abandoned or the write is done.
            var live = new List<PendingBatch>(write.Batches);
            try
            {
                await WriteOneAsync(write, live).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.WriterFailed(logger, e, write.Batches[0].Team.Value, Describe(write.Batches));
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

    private async Task WriteOneAsync(KafkaWrite work, List<PendingBatch> live)
    {
        using var span = KafkaBatchSpan.Start(work.Batches);
        var started = time.GetTimestamp();
        WriteOutcome outcome;
        while (true)
        {
            if (work.WithoutAbandoned() is not { } remaining)
            {
                Finish(live, static _ => true);
                return;
            }

            Finish(live, b => !remaining.Batches.Contains(b));
            work = remaining;
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource([.. live.Select(static b => b.Partition.Token)]);
            try
            {
                var write = work.ToStoreWrite(settings.Group, time.GetUtcNow().ToUnixTimeSeconds(), settings.Feed);
                outcome = await pipeline.WriteAsync(write, abandon.Token).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested)
            {
                // A partition of this write was abandoned (revocation timeout, lost partition, crash): its messages are
                // left for its next owner; the other partitions' batches are written without it.
            }
        }

        Record(outcome, live);
        rejections.Report(live, outcome.Report.Rejections, pipeline.Store.KeepsRejectionFeed);
        var team = live[0].Team;
        var elapsed = time.GetElapsedTime(started);
        metrics.BatchWritten(team, outcome.Report, elapsed);
        span.SetOutcome(outcome.Report);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var r = outcome.Report;
            Log.BatchWritten(logger, team.Value, Describe(live), r.Received, r.Accepted, r.Rejected, r.Duplicates, elapsed.TotalMilliseconds);
        }
    }

    // How far each partition of the write is applied now: what this write claimed, or what fenced it.
    private void Record(WriteOutcome outcome, List<PendingBatch> live)
    {
        var states = live.Select(static b => b.Partition).Distinct().ToList();
        foreach (var stored in outcome.StoredPositions)
        {
            states.Find(s => s.Partition == stored.Partition && s.Topic == stored.Topic)?.StoredAt(stored.Next);
        }

        if (outcome.StoredPositions.Count > 0)
        {
            Log.WriteFenced(logger, live[0].Team.Value, string.Join(", ", outcome.StoredPositions.Select(static s => $"{s.Topic}/{s.Partition}@{s.Next}")));
        }

        foreach (var state in states)
        {
            var claim = outcome.Write.Positions.FirstOrDefault(c => c.Partition == state.Partition && c.Topic == state.Topic);
            var next = Math.Max(claim?.Next ?? -1, state.Stored);
            if (next >= 0)
            {
                PositionTracker.Written(state, next);
            }
        }
    }

    private static void Finish(List<PendingBatch> live, Predicate<PendingBatch> gone)
    {
        live.RemoveAll(b =>
        {
            if (!gone(b))
            {
                return false;
            }

            b.Partition.BatchFinished();
            return true;
        });
    }

    private static string Describe(IReadOnlyList<PendingBatch> batches) =>
        string.Join(", ", batches.Select(static b => $"{b.Partition}@{b.FirstOffset}-{b.LastOffset}"));
}
