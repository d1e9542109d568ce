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
    public async Task<IngestReport> ApplyAsync(PlannedBatch planned, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyWithRetryAsync(planned, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (!e.IsTransient)
        {
            // Only a store refusal can be a message's fault. Anything else (a bug, a disposed store) must not
            // turn every message of the batch into a rejection whose offset is then committed: it stops the writer.
            var team = planned.Plan.Team;
            Log.StoreRefusedBatch(logger, e, team.Value, planned.Sources.Count);

            // A plan does not keep its decoded messages (they die young); decoding is deterministic, so the
            // valid messages are decoded again, only on this rare path.
            var split = await BisectAsync(pipeline.Decode(team, planned.Sources), e, cancellationToken).ConfigureAwait(false);
            return new IngestReport(
                planned.Received,
                split.Accepted,
                planned.Rejections.Count + split.Rejected,
                split.Duplicates,
                [.. planned.Rejections, .. split.Rejections]);
        }
    }

    private async Task<IngestReport> BisectAsync(DecodedBatch refused, StoreException refusal, CancellationToken cancellationToken)
    {
        var count = refused.Messages.Count;
        if (count == 1)
        {
            return new IngestReport(1, 0, 1, 0, [IngestPipeline.Reject(refused.Sources[0], "$ was refused by the store: " + refusal.Message)]);
        }

        var left = await ApplyOrBisectAsync(refused.Slice(0, count / 2), cancellationToken).ConfigureAwait(false);
        var right = await ApplyOrBisectAsync(refused.Slice(count / 2, count - (count / 2)), cancellationToken).ConfigureAwait(false);
        return new IngestReport(
            count,
            left.Accepted + right.Accepted,
            left.Rejected + right.Rejected,
            left.Duplicates + right.Duplicates,
            [.. left.Rejections, .. right.Rejections]);
    }

    private async Task<IngestReport> ApplyOrBisectAsync(DecodedBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyWithRetryAsync(pipeline.Plan(batch), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (!e.IsTransient)
        {
            Log.StoreRefusedBatch(logger, e, batch.Team.Value, batch.Messages.Count);
            return await BisectAsync(batch, e, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IngestReport> ApplyWithRetryAsync(PlannedBatch batch, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StoreRetryPolicy.TeamKey, batch.Plan.Team.Value);
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
