namespace Depc.Core.Storage;

/// <summary>The bulk write of a store that has no longer transactions: each write is committed by its own.</summary>
internal sealed class TransactionPerBatch(IGraphStore store) : IBulkWrite
{
    public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken) => store.WriteAsync(write, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
