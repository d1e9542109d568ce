using System.Collections.Concurrent;
using Depc.Core.Naming;

namespace Depc.Core.Ingestion;

/// <summary>
/// Running per-team counts of ingested messages (<c>received = accepted + rejected + duplicates</c>)
/// and the time of the last message, for status pages. Thread-safe.
/// </summary>
public sealed class IngestionStatistics
{
    private readonly ConcurrentDictionary<TeamName, Counts> _teams = new();

    /// <summary>Adds a batch's outcome to its team.</summary>
    public void Record(TeamName team, IngestReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(report);
        var counts = _teams.GetOrAdd(team, static _ => new Counts());
        lock (counts)
        {
            counts.Received += report.Received;
            counts.Accepted += report.Accepted;
            counts.Rejected += report.Rejected;
            counts.Duplicates += report.Duplicates;
            if (report.Received > 0 && (counts.LastMessageAt is null || at > counts.LastMessageAt))
            {
                counts.LastMessageAt = at;
            }
        }
    }

    /// <summary>The counts of one team; zeros and no time when it sent nothing yet.</summary>
    public TeamIngestionCounts Get(TeamName team)
    {
        if (!_teams.TryGetValue(team, out var counts))
        {
            return new TeamIngestionCounts(team, 0, 0, 0, 0, null);
        }

        lock (counts)
        {
            return new TeamIngestionCounts(team, counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates, counts.LastMessageAt);
        }
    }

    /// <summary>Every team seen so far, sorted by name.</summary>
    public IReadOnlyList<TeamIngestionCounts> Snapshot() =>
        [.. _teams.Keys.Order(Comparer<TeamName>.Create(static (a, b) => string.CompareOrdinal(a.Value, b.Value))).Select(Get)];

    private sealed class Counts
    {
        public long Received;
        public long Accepted;
        public long Rejected;
        public long Duplicates;
        public DateTimeOffset? LastMessageAt;
    }
}
