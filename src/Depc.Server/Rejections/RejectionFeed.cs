using System.Threading.Channels;
using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Server.Rejections;

/// <summary>
/// The write side of the rejection feed for a store that does not keep it in its own transactions (Neo4j: the feed is
/// in the teams database). The Kafka consumer reports through <see cref="IRejectionSink"/>,
/// which must never block it: reports are queued (oldest dropped when full) and written in chunks by
/// <see cref="RejectionFeedWriter"/>. HTTP requests record theirs directly, so the caller sees them at once.
/// </summary>
internal sealed class RejectionFeed(IRejectionLog log) : IRejectionSink
{
    private readonly Channel<RejectionEntry> _queue = Channel.CreateBounded<RejectionEntry>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    internal ChannelReader<RejectionEntry> Queue => _queue.Reader;

    public void Report(TeamName team, MessageRejection rejection, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        _queue.Writer.TryWrite(Entry(team, rejection, at));
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
            entries[i] = Entry(team, rejections[i], at);
        }

        return log.AppendAsync(entries, cancellationToken);
    }

    private static RejectionEntry Entry(TeamName team, MessageRejection r, DateTimeOffset at) =>
        new(team.Value, at.ToUnixTimeSeconds(), r.Origin.Source, r.Origin.ToString(), r.Reason, r.Payload);
}
