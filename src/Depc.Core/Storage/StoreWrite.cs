using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Core.Storage;

/// <summary>
/// Everything one store transaction does (<see cref="IGraphStore.WriteAsync"/>): the batch's plan, and beside it the
/// Kafka positions it advances (<see cref="Positions"/>), the team's counts (always: decode rejections as well as the
/// period table's outcomes), the rejections for the team's feed (<see cref="Feed"/>) and an HTTP idempotency key with
/// the answer to keep (<see cref="Idempotency"/>). All of it commits together or not at all.
/// </summary>
/// <param name="At">When the write happens (Unix seconds): the feed entries' time and the counts' last message time.</param>
public sealed record StoreWrite(PlannedBatch Batch, long At)
{
    public IReadOnlyList<PositionClaim> Positions { get; init; } = [];

    public FeedRecording? Feed { get; init; }

    public IdempotencyClaim? Idempotency { get; init; }

    public TeamName Team => Batch.Plan.Team;

    /// <summary>True when the store has nothing to do: no message to count and no position to move.</summary>
    public bool IsEmpty => Batch.Received == 0 && Positions.Count == 0 && Idempotency is null;

    /// <summary>What the store keeps once the plan is applied with <paramref name="result"/>: pure, so every store persists the same.</summary>
    public CompletedWrite Complete(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rejections = new List<MessageRejection>(Batch.Rejections.Count + result.Rejections.Count);
        rejections.AddRange(Batch.Rejections);
        foreach (var r in result.Rejections)
        {
            rejections.Add(IngestPipeline.Reject(Batch.Sources[r.MessageIndex], r.Reason));
        }

        var report = new IngestReport(Batch.Received, result.Accepted, Batch.Rejections.Count + result.Rejected, result.Duplicates, rejections)
        {
            TrimmedPeriods = result.TrimmedPeriods,
        };
        var counts = new TeamCounts(report.Received, report.Accepted, report.Rejected, report.Duplicates, report.Received > 0 ? At : null);
        IReadOnlyList<FeedEntry> feed = Feed is { } recording
            ? [.. rejections.Skip(Math.Max(0, rejections.Count - recording.Retention))
                .Select(r => new FeedEntry(At, r.Origin.Source, r.Origin.ToString(), r.Reason, r.Payload))]
            : [];
        return new CompletedWrite(report, counts, feed, Idempotency?.Answer(report));
    }

    /// <summary>
    /// The write without what other writers applied already: each claimed partition's messages below its stored
    /// position, valid or not, are dropped, and the claims start there (or go, when nothing of them is left).
    /// </summary>
    public StoreWrite WithoutApplied(IReadOnlyList<StoredPosition> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var positions = new List<PositionClaim>(Positions.Count);
        var batch = Batch;
        foreach (var claim in Positions)
        {
            var next = stored.FirstOrDefault(s => s.Partition == claim.Partition && s.Topic == claim.Topic)?.Next ?? -1;
            if (next <= claim.First)
            {
                positions.Add(claim);
                continue;
            }

            batch = batch.Without(o => o.IsKafkaBelow(claim.Topic, claim.Partition, next));
            if (next < claim.Next)
            {
                positions.Add(claim with { First = next });
            }
        }

        return this with { Batch = batch, Positions = positions };
    }
}
