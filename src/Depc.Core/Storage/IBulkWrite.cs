using Depc.Core.Planning;

namespace Depc.Core.Storage;

/// <summary>
/// Batches of a bulk load written one after another in as few store transactions as the store can: each batch's
/// outcome is final when <see cref="ApplyAsync"/> returns, and every batch applied is written by
/// <see cref="CommitAsync"/>. Disposing it uncommitted drops what a store holds in its open transaction.
/// </summary>
public interface IBulkWrite : IAsyncDisposable
{
    /// <summary>Applies a batch after the ones before it, with the outcome <see cref="IGraphStore.ApplyAsync"/> would give.</summary>
    Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// True once the batches applied so far are worth a commit: the caller may go on adding batches until then (a
    /// store that writes each batch in its own transaction is always due).
    /// </summary>
    bool IsDue => true;

    /// <summary>Writes every batch applied so far; the bulk write is over.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
