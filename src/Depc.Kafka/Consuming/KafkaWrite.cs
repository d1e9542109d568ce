using Depc.Core.Ingestion;
using Depc.Core.Storage;

namespace Depc.Kafka.Consuming;

/// <summary>
/// One store write in the making: the cut batches merged into it (<see cref="BatchMerger"/>, one team, any of its
/// partitions) and the plan of their messages, decoded once. It becomes a <see cref="StoreWrite"/> that claims, for
/// each partition, the offsets from its first batch's first message to its last batch's last.
/// </summary>
internal sealed record KafkaWrite(IReadOnlyList<PendingBatch> Batches, PlannedBatch Planned)
{
    /// <summary>Decodes and plans the batches not abandoned, in the order given; null when none is left.</summary>
    public static KafkaWrite? Plan(IngestPipeline pipeline, IReadOnlyList<PendingBatch> batches)
    {
        var live = batches.Where(static b => !b.Partition.IsAbandoned).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var messages = live.Count == 1 ? live[0].Messages : [.. live.SelectMany(static b => b.Messages)];
        return new KafkaWrite(live, pipeline.Plan(live[0].Team, messages));
    }

    /// <summary>The write without the batches of abandoned partitions (their planned messages left out, not decoded again); null when none is left.</summary>
    public KafkaWrite? WithoutAbandoned()
    {
        var abandoned = Batches.Where(static b => b.Partition.IsAbandoned).Select(static b => b.Partition).ToHashSet();
        if (abandoned.Count == 0)
        {
            return this;
        }

        var live = Batches.Where(b => !abandoned.Contains(b.Partition)).ToList();
        return live.Count == 0
            ? null
            : new KafkaWrite(live, Planned.Without(o => abandoned.Any(p => p.Partition == o.Partition && p.Topic == o.Name)));
    }

    /// <summary>
    /// The store write: the plan, a claim per partition, and the team's feed. Messages of a partition this instance
    /// already knows to be applied (a fence seen before) are left out at once rather than fenced again by the store.
    /// </summary>
    public StoreWrite ToStoreWrite(string group, long at, FeedRecording feed)
    {
        var claims = Batches
            .GroupBy(static b => b.Partition)
            .Select(g => new PositionClaim(group, g.Key.Topic, g.Key.Partition, g.Min(static b => b.FirstOffset), g.Max(static b => b.LastOffset) + 1))
            .ToList();
        var known = Batches.Select(static b => b.Partition).Distinct()
            .Where(static p => p.Stored >= 0)
            .Select(static p => new StoredPosition(p.Topic, p.Partition, p.Stored))
            .ToList();
        var write = new StoreWrite(Planned, at) { Positions = claims, Feed = feed };
        return known.Count == 0 ? write : write.WithoutApplied(known);
    }
}
