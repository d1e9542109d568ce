using Depc.Core.Storage;

namespace Depc.Core.Ingestion;

/// <summary>
/// A bulk load through the seam (<c>depc ingest</c>): writes share one store transaction (<see cref="IBulkWrite"/>)
/// until <see cref="CommitAsync"/>, and all of them are durable after <see cref="FlushAsync"/>. When the store refuses one of them for its content, the open transaction is
/// dropped and the writes since the last commit go through <see cref="IngestPipeline.WriteAsync"/> one by one,
/// which isolates the message responsible; their outcomes replace the ones given before.
/// </summary>
public sealed class BulkIngest : IAsyncDisposable
{
    private readonly IngestPipeline _pipeline;
    private readonly List<StoreWrite> _pending = [];
    private readonly List<WriteOutcome> _outcomes = [];
    private IBulkWrite? _write;
    private bool _oneByOne;

    internal BulkIngest(IngestPipeline pipeline) => _pipeline = pipeline;

    /// <summary>True while writes wait for <see cref="CommitAsync"/>.</summary>
    public bool HasUncommitted => _write is not null || _outcomes.Count > 0;

    /// <summary>True once the writes since the last commit are worth a commit (the store says; always, for a store without longer transactions).</summary>
    public bool IsDue => _write?.IsDue ?? true;

    /// <summary>Applies a write in the open transaction (opening one when needed).</summary>
    public async Task WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!_oneByOne)
        {
            _write ??= await _pipeline.Store.BeginBulkWriteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_oneByOne || _write is TransactionPerBatch)
        {
            // A store that commits each write by itself gains nothing from the bulk write: each write goes through the
            // seam (retried, refusals isolated), and none is kept to be written again (it is committed already).
            _outcomes.Add(await _pipeline.WriteAsync(write, cancellationToken).ConfigureAwait(false));
            return;
        }

        write = await _pipeline.WithinLabelBudgetAsync(write, cancellationToken).ConfigureAwait(false);
        _pending.Add(write);
        try
        {
            _outcomes.Add(await _write!.WriteAsync(write, cancellationToken).ConfigureAwait(false));
        }
        catch (StoreException e) when (e.IsMessageCaused)
        {
            await DropAsync().ConfigureAwait(false);
            _oneByOne = true;
            _outcomes.Clear();
            foreach (var pending in _pending)
            {
                _outcomes.Add(await _pipeline.WriteAsync(pending, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    /// <summary>Commits what was written since the last commit and returns the outcomes of those writes, in order.</summary>
    public async Task<IReadOnlyList<WriteOutcome>> CommitAsync(CancellationToken cancellationToken)
    {
        if (_write is not null)
        {
            await _write.CommitAsync(cancellationToken).ConfigureAwait(false);
            await DropAsync().ConfigureAwait(false);
        }

        var outcomes = _outcomes.ToList();
        _outcomes.Clear();
        _pending.Clear();
        _oneByOne = false;
        return outcomes;
    }

    /// <summary>Makes everything committed so far durable: the bulk load is done only after this.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _pipeline.Store.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => DropAsync();

    private async ValueTask DropAsync()
    {
        if (_write is { } write)
        {
            _write = null;
            await write.DisposeAsync().ConfigureAwait(false);
        }
    }
}
