namespace Depc.Core.Storage;

/// <summary>
/// Writes of a bulk load applied one after another in as few store transactions as the store can: each write's
/// outcome is final when <see cref="WriteAsync"/> returns, and every write applied is committed by
/// <see cref="CommitAsync"/>. Disposing it uncommitted drops what a store holds in its open transaction.
/// </summary>
public interface IBulkWrite : IAsyncDisposable
{
    /// <summary>
    /// Applies a write after the ones before it, with the outcome <see cref="IGraphStore.WriteAsync"/> would give. A write
    /// the store refuses for its content (<see cref="StoreException.IsMessageCaused"/>) is undone alone: the bulk write
    /// goes on with the writes before it. Any other failure ends the bulk write, uncommitted.
    /// </summary>
    Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// True once the writes applied so far are worth a commit: the caller may go on adding writes until then (a store
    /// that writes each batch in its own transaction is always due).
    /// </summary>
    bool IsDue => true;

    /// <summary>Commits every write applied so far (durable at the latest after <see cref="IGraphStore.FlushAsync"/>); the bulk write is over.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
