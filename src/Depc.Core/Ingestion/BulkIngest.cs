using Depc.Core.Storage;

namespace Depc.Core.Ingestion;

/// <summary>
/// A bulk load through the seam (<c>depc ingest</c>): writes share one store transaction (<see cref="IBulkWrite"/>)
/// until <see cref="CommitAsync"/>, and all of them are durable after <see cref="FlushAsync"/>. Only the reports of the
/// writes wait for the commit, never the writes themselves: a write the store refuses for its content is undone alone
/// (<see cref="IBulkWrite.WriteAsync"/>), so it is cut in halves at once (<see cref="RefusalIsolator.BisectAsync"/>), each applied in order, down to the single
/// messages the store refuses, which are rejected. A store that refuses every message of a write is failing, not judging values.
/// </summary>
public sealed class BulkIngest : IAsyncDisposable
{
    private readonly IngestPipeline _pipeline;
    private readonly List<IngestReport> _reports = [];
    private IBulkWrite? _write;

    internal BulkIngest(IngestPipeline pipeline) => _pipeline = pipeline;

    /// <summary>True while writes wait for <see cref="CommitAsync"/>.</summary>
    public bool HasUncommitted => _write is not null || _reports.Count > 0;

    /// <summary>True once the writes since the last commit are worth a commit (the store says; always, for a store without longer transactions).</summary>
    public bool IsDue => _write?.IsDue ?? true;

    /// <summary>Applies a write in the open transaction (opening one when needed).</summary>
    public async Task WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        _write ??= await _pipeline.Store.BeginBulkWriteAsync(cancellationToken).ConfigureAwait(false);
        if (_write is TransactionPerBatch)
        {
            // A store that commits each write by itself gains nothing from the bulk write: each write goes through the
            // seam (retried, refusals isolated).
            _reports.Add((await _pipeline.WriteAsync(write, cancellationToken).ConfigureAwait(false)).Report);
            return;
        }

        write = await _pipeline.WithinLabelBudgetAsync(write, cancellationToken).ConfigureAwait(false);
        if (await TryApplyAsync(write, cancellationToken).ConfigureAwait(false) is not { } refusal)
        {
            return;
        }

        var count = write.Batch.Sources.Count;
        var refused = new SortedDictionary<int, string>();
        if (count == 0)
        {
            throw StoreException.StoreWide("the store refused a write of no valid message: " + refusal.Message, refusal);
        }

        Task<StoreException?> Apply(int start, int part) => TryApplyAsync(write with { Batch = write.Batch.Slice(start, part) }, cancellationToken);
        await RefusalIsolator.BisectAsync(0, count, refusal, Apply, refused).ConfigureAwait(false);
        if (count > 1 && refused.Count == count)
        {
            throw StoreException.StoreWide($"the store refused each of the {count} messages of a write alone: {refusal.Message}", refusal);
        }

        // The parts went without the invalid messages: those and the refused ones are counted and reported by a write of their own.
        var rejections = write with { Batch = write.Batch.RejectionsOnly(refused) };
        if (!rejections.IsEmpty && await TryApplyAsync(rejections, cancellationToken).ConfigureAwait(false) is { } unexplained)
        {
            throw StoreException.StoreWide("the store refused a write of rejections alone: " + unexplained.Message, unexplained);
        }
    }

    /// <summary>Commits what was written since the last commit and returns the reports of those writes, in order.</summary>
    public async Task<IReadOnlyList<IngestReport>> CommitAsync(CancellationToken cancellationToken)
    {
        if (_write is not null)
        {
            await _write.CommitAsync(cancellationToken).ConfigureAwait(false);
            await DropAsync().ConfigureAwait(false);
        }

        var reports = _reports.ToList();
        _reports.Clear();
        return reports;
    }

    /// <summary>Makes everything committed so far durable: the bulk load is done only after this.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _pipeline.Store.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => DropAsync();

    /// <summary>The write applied (its report kept for the commit), or the refusal that undid it.</summary>
    private async Task<StoreException?> TryApplyAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        try
        {
            _reports.Add((await _write!.WriteAsync(write, cancellationToken).ConfigureAwait(false)).Report);
            return null;
        }
        catch (StoreException e) when (e.IsMessageCaused)
        {
            return e;
        }
    }

    private async ValueTask DropAsync()
    {
        if (_write is { } write)
        {
            _write = null;
            await write.DisposeAsync().ConfigureAwait(false);
        }
    }
}
