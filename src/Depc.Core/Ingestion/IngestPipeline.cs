using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Core.Telemetry;

namespace Depc.Core.Ingestion;

/// <summary>
/// The one path every input takes (file, Kafka, HTTP): bytes → <see cref="MessageDecoder"/> →
/// <see cref="BatchPlanner"/> → <see cref="IGraphStore.ApplyAsync"/> in one transaction → report.
/// </summary>
public sealed class IngestPipeline(IGraphStore store, MessageDecoder decoder, TimeProvider time)
{
    public DecodedBatch Decode(TeamName team, IReadOnlyList<RawMessage> batch)
    {
        var messages = new List<GraphMessage>(batch.Count);
        var (sources, rejections) = DecodeEach(batch, messages.Add);
        return new DecodedBatch(team, batch.Count, messages, sources, rejections);
    }

    /// <summary>
    /// Decodes and plans in one pass, each valid message planned as soon as it is decoded, so none outlives its
    /// turn (the same plan as <see cref="Plan"/> of <see cref="Decode"/>).
    /// </summary>
    public PlannedBatch DecodeAndPlan(TeamName team, IReadOnlyList<RawMessage> batch)
    {
        var builder = new BatchPlanBuilder(team, time.GetUtcNow().ToUnixTimeSeconds(), batch.Count);
        var (sources, rejections) = DecodeEach(batch, builder.Add);
        return new PlannedBatch(builder.Build(), batch.Count, sources, rejections);
    }

    // The one decode loop: each valid message goes to `valid` in order, its origin at the same position in Sources.
    private (List<RawMessage> Sources, List<MessageRejection> Rejections) DecodeEach(IReadOnlyList<RawMessage> batch, Action<GraphMessage> valid)
    {
        var sources = new List<RawMessage>(batch.Count);
        var rejections = new List<MessageRejection>();
        foreach (var raw in batch)
        {
            var result = decoder.Decode(raw.Payload.Span);
            if (result.Message is { } message)
            {
                valid(message);
                sources.Add(raw);
            }
            else
            {
                rejections.Add(Reject(raw, result.Rejection!.Reason));
            }
        }

        return (sources, rejections);
    }

    /// <summary>Plans a decoded batch; messages without rel bounds take the current time as <c>from</c>.</summary>
    public PlannedBatch Plan(DecodedBatch batch) =>
        new(BatchPlanner.Plan(batch.Team, batch.Messages, time.GetUtcNow().ToUnixTimeSeconds()), batch.Received, batch.Sources, batch.Rejections);

    /// <summary>Writes the valid messages of a decoded batch in one store transaction.</summary>
    public Task<IngestReport> ApplyAsync(DecodedBatch batch, CancellationToken cancellationToken) =>
        ApplyAsync(Plan(batch), cancellationToken);

    /// <summary>Writes a planned batch in one store transaction.</summary>
    public Task<IngestReport> ApplyAsync(PlannedBatch planned, CancellationToken cancellationToken) =>
        ApplyAsync(planned, plan => store.ApplyAsync(plan, cancellationToken));

    /// <summary>Starts a bulk write on the store, for <see cref="ApplyInBulkAsync"/>.</summary>
    public Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken) => store.BeginBulkWriteAsync(cancellationToken);

    /// <summary>Applies a planned batch in a bulk write: its report is final, but the batch is written at the commit.</summary>
    public static Task<IngestReport> ApplyInBulkAsync(PlannedBatch planned, IBulkWrite write, CancellationToken cancellationToken) =>
        ApplyAsync(planned, plan => write.ApplyAsync(plan, cancellationToken));

    private static async Task<IngestReport> ApplyAsync(PlannedBatch planned, Func<BatchPlan, Task<BatchResult>> apply)
    {
        if (planned.Plan.MessageCount == 0)
        {
            return new IngestReport(planned.Received, 0, planned.Rejections.Count, 0, planned.Rejections);
        }

        using var span = DepcTracing.Source.StartActivity("depc.store.write");
        span?.SetTag(DepcTracing.Team, planned.Plan.Team.Value)
            .SetTag(DepcTracing.Messages, planned.Plan.MessageCount)
            .SetTag("depc.nodes", planned.Plan.NodeCount)
            .SetTag("depc.relationships", planned.Plan.RelationshipCount);
        var result = await apply(planned.Plan).ConfigureAwait(false);
        span?.SetTag(DepcTracing.Accepted, result.Accepted).SetTag(DepcTracing.Rejected, result.Rejected).SetTag(DepcTracing.Duplicates, result.Duplicates);
        var rejections = new List<MessageRejection>(planned.Rejections);
        foreach (var r in result.Rejections)
        {
            rejections.Add(Reject(planned.Sources[r.MessageIndex], r.Reason));
        }

        return new IngestReport(planned.Received, result.Accepted, planned.Rejections.Count + result.Rejected, result.Duplicates, rejections);
    }

    public Task<IngestReport> IngestAsync(TeamName team, IReadOnlyList<RawMessage> batch, CancellationToken cancellationToken) =>
        ApplyAsync(Decode(team, batch), cancellationToken);

    public static MessageRejection Reject(RawMessage raw, string reason) =>
        new(raw.Origin, reason, PayloadText.Truncate(raw.Payload.Span));
}
