using Depc.Core.Ingestion;
using Depc.Core.Planning;

namespace Depc.Core.Storage;

public static class GraphStoreExtensions
{
    /// <summary>Writes a plan alone (its messages counted, no position, no feed), each message's origin its position in the plan.</summary>
    public static async Task<BatchResult> ApplyAsync(this IGraphStore store, BatchPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        var sources = Enumerable.Range(0, plan.MessageCount).Select(i => new RawMessage(ReadOnlyMemory<byte>.Empty, MessageOrigin.InBatch(i), 0)).ToList();
        var outcome = await store.WriteAsync(new StoreWrite(new PlannedBatch(plan, sources, []), 0), cancellationToken).ConfigureAwait(false);
        return outcome.Result ?? throw new InvalidOperationException($"a plain write was {outcome.Status}");
    }
}
