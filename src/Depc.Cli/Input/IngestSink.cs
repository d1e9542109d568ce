using System.Collections.Concurrent;
using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Cli.Input;

/// <summary>
/// Collects lines into batches, decodes and plans each full batch on the reading thread and hands it to a
/// writer task through a small bounded channel, so reading/decoding and the store write overlap
/// while memory stays bounded by two batches. The writer goes through the ingestion seam's bulk load
/// (<see cref="BulkIngest"/>): every message counted in the team's counts, a durable commit per few batches.
/// </summary>
internal sealed class IngestSink : ILineSink, IAsyncDisposable
{
    private readonly IngestPipeline _pipeline;
    private readonly IngestBatching _batching;
    private readonly TimeProvider _time;
    private readonly int _arenaBytes;
    private readonly MessageDecoder _decoder;
    private readonly Func<MessageRejection, Task> _report;
    /// <summary>How long the writer waits for another batch before it commits what it holds.</summary>
    private static readonly TimeSpan QuietInput = TimeSpan.FromSeconds(1);

    private readonly Channel<(PlannedBatch Batch, byte[] Arena)> _channel = Channel.CreateBounded<(PlannedBatch Batch, byte[] Arena)>(1);
    private readonly Task _writer;
    private readonly List<RawMessage> _lines = [];
    private readonly List<MessageRejection> _early = [];

    /// <summary>
    /// Arenas the writer has finished with. At most three exist (one filling, one waiting, one being written); the
    /// shared pool kept more, one per thread that ever returned one (1M-message ingest: four at least).
    /// </summary>
    private readonly ConcurrentQueue<byte[]> _spareArenas = new();
    private byte[] _arena;
    private int _used;
    private IngestReport _total = IngestReport.Empty;

    /// <summary>The messages at which the batch is cut: from <see cref="IngestBatching.FirstMessages"/>, doubled each batch up to the batch size.</summary>
    private int _cutAt;

    /// <param name="decoder">The decoder whose size limit the reader applied, to word the rejection of a line over it.</param>
    /// <param name="batching">The team, the run's "now", and the size at which a batch is full (its arena has room for one line of the limit beyond it).</param>
    public IngestSink(
        IngestPipeline pipeline,
        MessageDecoder decoder,
        IngestBatching batching,
        TimeProvider time,
        Func<MessageRejection, Task> report,
        CancellationToken cancellationToken)
    {
        (_pipeline, _decoder, _batching, _time, _report) = (pipeline, decoder, batching, time, report);
        _arenaBytes = batching.MaxBytes + decoder.MaxMessageBytes;
        _arena = RentArena();
        _cutAt = Math.Min(batching.FirstMessages, batching.MaxMessages);
        _writer = Task.Run(() => WriteAllAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Counts the messages of each batch handed to the writer, when progress is shown.</summary>
    public Progress.ProgressCounter? Progress { get; init; }

    /// <summary>Where the lines come from, as shown in rejections (a file path, or <c>stdin</c>).</summary>
    public string Source { get; set; } = "stdin";

    public bool OnLine(long number, ReadOnlySpan<byte> line)
    {
        // The reader lets no line over the decoder's limit through, and a batch is flushed before it passes maxBytes.
        if (_used + line.Length > _arena.Length)
        {
            throw new InvalidOperationException($"a line of {line.Length} bytes does not fit in the room left by the batch");
        }

        line.CopyTo(_arena.AsSpan(_used));
        _lines.Add(new RawMessage(_arena.AsMemory(_used, line.Length), MessageOrigin.FileLine(Source, number), _batching.Now));
        _used += line.Length;
        return _lines.Count >= _cutAt || _used >= _batching.MaxBytes;
    }

    public bool OnOversized(long number, long length, ReadOnlySpan<byte> start)
    {
        _early.Add(new MessageRejection(MessageOrigin.FileLine(Source, number), _decoder.Oversized(length).Reason, PayloadText.Truncate(start)));
        return false;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_lines.Count == 0 && _early.Count == 0)
        {
            return;
        }

        try
        {
            // Room first, then decode: the writer is the slower side, so a batch decoded before there is room
            // would only wait, holding a third decoded batch in memory.
            await _channel.Writer.WaitToWriteAsync(cancellationToken).ConfigureAwait(false);
            var planned = _pipeline.Plan(_batching.Team, _lines);
            if (_early.Count > 0)
            {
                planned = planned with { Rejections = [.. _early, .. planned.Rejections] };
                _early.Clear();
            }

            Progress?.AddMessages(planned.Received);
            _lines.Clear();
            _cutAt = Math.Min(_cutAt * 2, _batching.MaxMessages);
            // The writer reads this arena until the batch is written, then hands it back for reuse.
            var arena = _arena;
            _arena = RentArena();
            _used = 0;
            await _channel.Writer.WriteAsync((planned, arena), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The writer stopped on a failure: surface that failure, not the closed channel.
            await _writer.ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Flushes what is left, waits for the writer and returns the totals.</summary>
    public async Task<IngestReport> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        return _total;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Abandoned on purpose: nothing more to write.
        }
    }

    private byte[] RentArena() =>
        _spareArenas.TryDequeue(out var arena) ? arena : GC.AllocateUninitializedArray<byte>(_arenaBytes);

    private async Task WriteAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await WriteBatchesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _channel.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task WriteBatchesAsync(CancellationToken cancellationToken)
    {
        // Batches share a store transaction until the store says the commit is due: a commit costs about as much for
        // several batches as for one (1M-message bench: ~0.5 s less; on large SQLite files it writes most of the
        // indexes, so the store asks for fewer). Input that pauses (a pipe) is committed once no batch has come for a
        // while, made durable and reported, so what was read is written.
        var bulk = _pipeline.BeginBulk();
        await using (bulk.ConfigureAwait(false))
        {
            while (await NextBatchAsync(bulk.HasUncommitted ? QuietInput : Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false) is { } next)
            {
                if (next is (PlannedBatch batch, byte[] arena))
                {
                    await bulk.WriteAsync(new StoreWrite(batch, _time.GetUtcNow().ToUnixTimeSeconds()), cancellationToken).ConfigureAwait(false);
                    _spareArenas.Enqueue(arena);
                    if (bulk.IsDue)
                    {
                        await ReportAsync(await bulk.CommitAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                }
                else
                {
                    var reports = await bulk.CommitAsync(cancellationToken).ConfigureAwait(false);
                    await bulk.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await ReportAsync(reports).ConfigureAwait(false);
                }
            }

            await ReportAsync(await bulk.CommitAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

            // The run is done (its summary printed) only once all of it is on disk.
            await bulk.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next batch; a pair of nulls when none came within <paramref name="quiet"/> (time to commit); null once the
    /// input is over.
    /// </summary>
    private async Task<(PlannedBatch? Batch, byte[]? Arena)?> NextBatchAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(quiet);
        try
        {
            if (!await _channel.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                return null;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null);
        }

        return _channel.Reader.TryRead(out ready) ? ready : (null, null);
    }

    // Rejections are reported once their batch is committed.
    private async Task ReportAsync(IReadOnlyList<IngestReport> reports)
    {
        foreach (var report in reports)
        {
            foreach (var rejection in report.Rejections)
            {
                await _report(rejection).ConfigureAwait(false);
            }

            _total = _total.Add(report with { Rejections = [] });
        }
    }
}
