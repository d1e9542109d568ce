using Depc.Core.Ingestion;

namespace Depc.Kafka.Consuming;

/// <summary>
/// One store write in the making: the cut batches merged into it (<see cref="BatchMerger"/>) and the plan
/// of their messages together (null when every batch was abandoned before decoding).
/// </summary>
internal sealed record DecodedWork(IReadOnlyList<PendingBatch> Batches, PlannedBatch? Planned)
{
    /// <summary>
    /// Decodes and plans the messages of <paramref name="batches"/> not abandoned as one batch, in the order
    /// given (each partition's messages stay in offset order); null when there are none.
    /// </summary>
    public static PlannedBatch? Plan(IngestPipeline pipeline, IReadOnlyList<PendingBatch> batches)
    {
        var live = batches.Where(static b => !b.Partition.IsAbandoned).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var messages = live.Count == 1 ? live[0].Messages : [.. live.SelectMany(static b => b.Messages)];
        return pipeline.DecodeAndPlan(live[0].Team, messages);
    }
}
