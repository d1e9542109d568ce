using Depc.Core.Naming;

namespace Depc.Server.Rejections;

/// <summary>The rejection feed: the latest rejections of every path (HTTP, Kafka) per team, with bounded retention.</summary>
public interface IRejectionLog
{
    Task AppendAsync(IReadOnlyList<RejectionEntry> entries, CancellationToken cancellationToken);

    /// <summary>The team's most recent rejections, newest first.</summary>
    Task<IReadOnlyList<RejectionEntry>> ReadAsync(TeamName team, int limit, CancellationToken cancellationToken);
}
