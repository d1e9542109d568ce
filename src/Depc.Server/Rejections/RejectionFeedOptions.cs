using System.ComponentModel.DataAnnotations;

namespace Depc.Server.Rejections;

/// <summary>The Kafka rejections' queue to the team feeds (stores that do not keep the feed in their own writes), bound from <c>Depc:RejectionFeed</c>.</summary>
public sealed class RejectionFeedOptions
{
    public const string Section = "Depc:RejectionFeed";

    /// <summary>
    /// Bytes the queue may hold (reasons, payloads as cut, origins; UTF-16 as kept in memory). When a report does not
    /// fit, the oldest queued reports are dropped and counted (<c>depc.rejections.dropped</c>, queue <c>feed</c>): the
    /// feed keeps the latest anyway, and the consumer never waits for it. Default 16 MiB.
    /// </summary>
    [Range(64 * 1024, long.MaxValue)]
    public long QueueBytes { get; set; } = 16L * 1024 * 1024;
}
