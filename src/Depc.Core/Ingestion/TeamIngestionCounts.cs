using Depc.Core.Naming;

namespace Depc.Core.Ingestion;

/// <summary>One team's counts in <see cref="IngestionStatistics"/>.</summary>
public sealed record TeamIngestionCounts(
    TeamName Team,
    long Received,
    long Accepted,
    long Rejected,
    long Duplicates,
    DateTimeOffset? LastMessageAt);
