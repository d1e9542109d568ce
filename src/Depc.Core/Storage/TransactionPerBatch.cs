using Depc.Core.Planning;

namespace Depc.Core.Storage;

/// <summary>The bulk write of a store that has no longer transactions: each batch is written by its own.</summary>
internal sealed class TransactionPerBatch(IGraphStore store) : IBulkWrite
{
    public Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken) => store.ApplyAsync(plan, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
