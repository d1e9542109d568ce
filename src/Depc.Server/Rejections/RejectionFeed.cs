using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Options;

namespace Depc.Server.Rejections;

/// <summary>
/// The write side of the rejection feed for a store that does not keep it in its own transactions (Neo4j: the feed is
/// in the teams database). The Kafka consumer reports through <see cref="IRejectionSink"/>, which must never block it:
/// reports are queued and written in chunks by <see cref="RejectionFeedWriter"/>. The queue is bounded by bytes
/// (<see cref="RejectionFeedOptions.QueueBytes"/>), not entries: a flood of rejections with long reasons must not grow
/// memory; each entry's payload is already cut (<see cref="PayloadText"/>) and its reason is cut here. When full, the
/// oldest are dropped and counted. HTTP requests record theirs directly, so the caller sees them at once.
/// </summary>
internal sealed class RejectionFeed(IRejectionLog log, IOptions<RejectionFeedOptions> options, DepcMetrics metrics) : IRejectionSink
{
    // The entry's object and its strings' headers, roughly.
    private const int Overhead = 160;

    private readonly Lock _lock = new();
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly long _maxBytes = options.Value.QueueBytes;
    private long _bytes;
    private long _dropped;

    /// <summary>Bytes of the queued entries.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Reports dropped since the start because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Report(TeamName team, MessageRejection rejection, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var entry = Entry(team, rejection, at, ReasonText.MaxChars);
        var queued = new Queued(team, entry, SizeOf(entry));
        lock (_lock)
        {
            // Oldest first out: the feed keeps the latest rejections, so the latest are worth keeping here too.
            while (_bytes + queued.Bytes > _maxBytes && _queue.Reader.TryRead(out var oldest))
            {
                _bytes -= oldest.Bytes;
                Drop(oldest.Team);
            }

            if (_bytes + queued.Bytes > _maxBytes)
            {
                Drop(team);
                return;
            }

            _bytes += queued.Bytes;
            _queue.Writer.TryWrite(queued);
        }
    }

    /// <summary>True once an entry is queued (for the feed's writer).</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the oldest queued entry, if any (for the feed's writer).</summary>
    public bool TryTake(out RejectionEntry entry)
    {
        lock (_lock)
        {
            if (_queue.Reader.TryRead(out var queued))
            {
                _bytes -= queued.Bytes;
                entry = queued.Entry;
                return true;
            }
        }

        entry = null!;
        return false;
    }

    public Task RecordAsync(TeamName team, IReadOnlyList<MessageRejection> rejections, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return Task.CompletedTask;
        }

        var entries = new RejectionEntry[rejections.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Entry(team, rejections[i], at, int.MaxValue);
        }

        return log.AppendAsync(entries, cancellationToken);
    }

    /// <summary>What an entry holds in memory: its strings in UTF-16, plus the objects around them.</summary>
    internal static long SizeOf(RejectionEntry entry) =>
        (2L * (entry.Team.Length + entry.Source.Length + entry.Origin.Length + entry.Reason.Length + entry.Payload.Length)) + Overhead;

    private void Drop(TeamName team)
    {
        Interlocked.Increment(ref _dropped);
        metrics.ReportsDropped(team, DepcMetrics.FeedQueue, 1);
    }

    private static RejectionEntry Entry(TeamName team, MessageRejection r, DateTimeOffset at, int maxReasonChars) =>
        new(
            team.Value,
            at.ToUnixTimeSeconds(),
            r.Origin.Source,
            r.Origin.ToString(),
            ReasonText.Cut(r.Reason, maxReasonChars),
            r.Payload);

    private readonly record struct Queued(TeamName Team, RejectionEntry Entry, long Bytes);
}
