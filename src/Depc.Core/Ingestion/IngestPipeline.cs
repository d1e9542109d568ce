using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Core.Telemetry;

namespace Depc.Core.Ingestion;

/// <summary>
/// The one seam every input goes through (a file, Kafka, HTTP): bytes → <see cref="MessageDecoder"/> (once per
/// message, names and labels within <see cref="IngestLimits"/>) → <see cref="BatchPlanBuilder"/> (with each message's own
/// "now") → <see cref="LabelBudget"/> (the team's label limit) → <see cref="StoreWrite"/> (the plan, and
/// the positions, counts, feed entries and idempotency key that commit with it) → <see cref="IGraphStore.WriteAsync"/>
/// through the one retry layer (<see cref="StoreRetry"/>). Here, and only here: a store-wide failure is retried, a
/// message the store refuses is isolated (<see cref="RefusalIsolator"/>) and rejected, and messages another writer
/// applied already are left out (fenced positions) before the write is tried again.
/// </summary>
public sealed class IngestPipeline(IGraphStore store, MessageDecoder decoder, StoreRetry retry)
{
    private readonly LabelBudget _labels = new(store, decoder.Limits.MaxLabelsPerTeam, TimeProvider.System);

    public IGraphStore Store => store;

    /// <summary>Decodes each message once and plans the valid ones in order; the invalid ones become rejections.</summary>
    public PlannedBatch Plan(TeamName team, IReadOnlyList<RawMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var builder = new BatchPlanBuilder(team, batch.Count, decoder.Limits.MaxPeriods);
        var sources = new List<RawMessage>(batch.Count);
        var rejections = new List<MessageRejection>();
        foreach (var raw in batch)
        {
            var result = decoder.Decode(raw.Payload.Span);
            if (result.Message is { } message)
            {
                builder.Add(message, raw.Now);
                sources.Add(raw);
            }
            else
            {
                rejections.Add(Reject(raw, result.Rejection!.Reason));
            }
        }

        return new PlannedBatch(builder.Build(), sources, rejections);
    }

    /// <summary>
    /// Writes through the retry layer until written or replayed: a store-wide failure is retried (as the retry options
    /// say; past them it is thrown), refused messages are rejected, and fenced messages are left out (the outcome's
    /// <see cref="WriteOutcome.StoredPositions"/> tells which positions fenced them).
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        write = await WithinLabelBudgetAsync(write, cancellationToken).ConfigureAwait(false);
        var fencedBy = new List<StoredPosition>();
        var unisolated = false;
        while (true)
        {
            if (write.IsEmpty)
            {
                return WriteOutcome.Written(write, IngestReport.Empty, BatchResult.Empty).After(fencedBy);
            }

            WriteOutcome outcome;
            try
            {
                outcome = await retry.RunAsync(write.Team, t => TryWriteAsync(write, unisolated, t), cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException e) when (e.IsMessageCaused)
            {
                var refused = await RefusalIsolator.FindAsync(store, retry, write.Batch.Plan, e, cancellationToken).ConfigureAwait(false);
                unisolated = refused.Count == 0;
                write = write with { Batch = write.Batch.Refusing(refused) };
                continue;
            }

            if (outcome.Status != WriteStatus.Fenced)
            {
                return outcome.After(fencedBy);
            }

            fencedBy.AddRange(outcome.StoredPositions);
            write = write.WithoutApplied(outcome.StoredPositions);
        }
    }

    /// <summary>The write with the messages naming labels beyond their team's limit rejected (<see cref="LabelBudget"/>).</summary>
    internal async Task<StoreWrite> WithinLabelBudgetAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        var batch = await retry.RunAsync(write.Team, t => _labels.ApplyAsync(write.Batch, t), cancellationToken).ConfigureAwait(false);
        return ReferenceEquals(batch, write.Batch) ? write : write with { Batch = batch };
    }

    /// <summary>Starts a bulk load (<see cref="BulkIngest"/>): writes share store transactions until each commit.</summary>
    public BulkIngest BeginBulk() => new(this);

    public static MessageRejection Reject(RawMessage raw, string reason) =>
        new(raw.Origin, reason, PayloadText.Truncate(raw.Payload.Span));

    // A refusal that no single message explains (isolation found none) is no message's fault: retried as store-wide.
    private async Task<WriteOutcome> TryWriteAsync(StoreWrite write, bool unisolated, CancellationToken cancellationToken)
    {
        var plan = write.Batch.Plan;
        using var span = DepcTracing.Source.StartActivity("depc.store.write");
        span?.SetTag(DepcTracing.Team, plan.Team.Value)
            .SetTag(DepcTracing.Messages, plan.MessageCount)
            .SetTag("depc.nodes", plan.NodeCount)
            .SetTag("depc.relationships", plan.RelationshipCount);
        try
        {
            var outcome = await store.WriteAsync(write, cancellationToken).ConfigureAwait(false);
            span?.SetTag("depc.write.status", outcome.Status.ToString()).SetOutcome(outcome.Report);
            return outcome;
        }
        catch (StoreException e) when (e.IsMessageCaused && unisolated)
        {
            throw StoreException.StoreWide("the store refused the write, but no message of it alone: " + e.Message, e);
        }
    }
}
