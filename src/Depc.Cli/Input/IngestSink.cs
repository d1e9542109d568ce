using System.Buffers;
using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Cli.Input;

/// <summary>
/// Collects lines into batches, decodes and plans each full batch on the reading thread and hands it to a
/// writer task through a small bounded channel, so reading/decoding and the store write overlap
/// while memory stays bounded by two batches.
/// </summary>
internal sealed class IngestSink : ILineSink, IAsyncDisposable
{
    private readonly IngestPipeline _pipeline;
    private readonly TeamName _team;
    private readonly int _maxMessages;
    private readonly int _maxBytes;
    private readonly Func<MessageRejection, Task> _report;
    private readonly Channel<(PlannedBatch Batch, byte[] Arena)> _channel = Channel.CreateBounded<(PlannedBatch Batch, byte[] Arena)>(1);
    private readonly Task _writer;
    private readonly List<RawMessage> _lines = [];
    private readonly List<MessageRejection> _early = [];
    private byte[] _arena;
    private int _used;
    private IngestReport _total = IngestReport.Empty;

    public IngestSink(IngestPipeline pipeline, TeamName team, int maxMessages, int maxBytes, Func<MessageRejection, Task> report, CancellationToken cancellationToken)
    {
        (_pipeline, _team, _maxMessages, _maxBytes, _report) = (pipeline, team, maxMessages, maxBytes, report);
        _arena = ArrayPool<byte>.Shared.Rent(maxBytes);
        _writer = Task.Run(() => WriteAllAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The decoder whose size limit the reader applied, to word the rejection of a line over it.</summary>
    public required Core.Messages.MessageDecoder Decoder { get; init; }

    /// <summary>Where the lines come from, as shown in rejections (a file path, or <c>stdin</c>).</summary>
    public string Source { get; set; } = "stdin";

    public bool OnLine(long number, ReadOnlySpan<byte> line)
    {
        if (_used + line.Length > _arena.Length)
        {
            // The batch's lines point into the arena: it can only be swapped while the batch is empty.
            if (_lines.Count > 0)
            {
                throw new InvalidOperationException("a line does not fit in the room left by the batch: it should have been flushed");
            }

            ArrayPool<byte>.Shared.Return(_arena);
            _arena = ArrayPool<byte>.Shared.Rent(Math.Max(line.Length, _maxBytes));
        }

        line.CopyTo(_arena.AsSpan(_used));
        _lines.Add(new RawMessage(_arena.AsMemory(_used, line.Length), Source, number));
        _used += line.Length;
        // Flushed while the room left can still take the longest line the reader lets through.
        return _lines.Count >= _maxMessages || _used >= _maxBytes || _arena.Length - _used < Decoder.MaxMessageBytes;
    }

    public bool OnOversized(long number, long length, ReadOnlySpan<byte> start)
    {
        _early.Add(new MessageRejection(RawMessage.LineOrigin(Source, number), Decoder.Oversized(length).Reason, PayloadText.Truncate(start)));
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
            var planned = _pipeline.DecodeAndPlan(_team, _lines);
            if (_early.Count > 0)
            {
                planned = planned with { Received = planned.Received + _early.Count, Rejections = [.. _early, .. planned.Rejections] };
                _early.Clear();
            }

            _lines.Clear();
            // The writer reads this arena until the batch is written, then gives it back to the pool.
            var arena = _arena;
            _arena = ArrayPool<byte>.Shared.Rent(_maxBytes);
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
        await foreach (var (batch, arena) in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var report = await _pipeline.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(arena);
            foreach (var rejection in report.Rejections)
            {
                await _report(rejection).ConfigureAwait(false);
            }

            _total = _total.Add(report with { Rejections = [] });
        }
    }
}
