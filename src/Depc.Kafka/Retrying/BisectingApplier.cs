using Depc.Core.Ingestion;
using Depc.Core.Storage;
using Microsoft.Extensions.Logging;
using Polly;

namespace Depc.Kafka.Retrying;

/// <summary>
/// Applies a planned batch through the retry pipeline. A batch the store refuses for a
/// non-transient reason is split in halves, recursively, so the message responsible is found and
/// rejected while every other message is still applied, in order.
/// </summary>
internal sealed class BisectingApplier(IngestPipeline pipeline, ResiliencePipeline retry, ILogger logger)
{
    public Task<IngestReport> ApplyAsync(PlannedBatch batch, CancellationToken cancellationToken) =>
        ApplyAsync(batch.Decoded, batch, cancellationToken);

    private async Task<IngestReport> ApplyAsync(DecodedBatch batch, PlannedBatch? planned, CancellationToken cancellationToken)
    {
        planned ??= pipeline.Plan(batch);
        try
        {
            return await ApplyWithRetryAsync(planned, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (!e.IsTransient)
        {
            // Only a store refusal can be a message's fault. Anything else (a bug, a disposed store) must not
            // turn every message of the batch into a rejection whose offset is then committed: it stops the writer.
            Log.StoreRefusedBatch(logger, e, batch.Team.Value, batch.Messages.Count);
            if (batch.Messages.Count <= 1)
            {
                List<MessageRejection> rejections = [.. batch.Rejections];
                if (batch.Messages.Count == 1)
                {
                    rejections.Add(IngestPipeline.Reject(batch.Sources[0], "$ was refused by the store: " + e.Message));
                }

                return new IngestReport(batch.Received, 0, rejections.Count, 0, rejections);
            }

            var half = batch.Messages.Count / 2;
            var left = await ApplyAsync(batch.Slice(0, half), null, cancellationToken).ConfigureAwait(false);
            var right = await ApplyAsync(batch.Slice(half, batch.Messages.Count - half), null, cancellationToken).ConfigureAwait(false);
            return new IngestReport(
                batch.Received,
                left.Accepted + right.Accepted,
                batch.Rejections.Count + left.Rejected + right.Rejected,
                left.Duplicates + right.Duplicates,
                [.. batch.Rejections, .. left.Rejections, .. right.Rejections]);
        }
    }

    private async Task<IngestReport> ApplyWithRetryAsync(PlannedBatch batch, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StoreRetryPolicy.TeamKey, batch.Decoded.Team.Value);
        try
        {
            return await retry.ExecuteAsync(
                static (ctx, state) => new ValueTask<IngestReport>(state.pipeline.ApplyAsync(state.batch, ctx.CancellationToken)),
                context,
                (pipeline, batch)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
