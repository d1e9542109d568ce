using Depc.Core.Periods;

namespace Depc.Sqlite.Writing;

/// <summary>
/// A relationship state as the write cache keeps it: up to two periods (most relationships) inline, so a cached
/// relationship is one dictionary entry instead of an entry, a <see cref="RelationshipState"/> and its period array.
/// It holds no reference: the cache's entry array (~18 MB) is written all over by every batch, and each reference
/// stored there marks part of it for the next young collection to scan (1M-message ingest: peak ~7 MB lower
/// without). Longer period lists live in the cache's <see cref="WriteCache.LongPeriods"/>.
/// </summary>
internal readonly struct CachedRelationship
{
    private readonly long _first;
    private readonly long _second;
    private readonly long _lastTs;
    private readonly int _count;
    private readonly LastState _lastState;

    private CachedRelationship(long first, long second, int count, LastState lastState, long lastTs) =>
        (_first, _second, _count, _lastState, _lastTs) = (first, second, count, lastState, lastTs);

    /// <summary>True when the periods are in the cache's long lists rather than inline.</summary>
    public bool IsLong => _count > 2;

    /// <summary>The cached form of <paramref name="state"/>; a caller keeps the periods of a long one aside.</summary>
    public static CachedRelationship Of(RelationshipState state)
    {
        var periods = state.Periods;
        return new CachedRelationship(
            periods.Length > 0 && periods.Length <= 2 ? periods[0] : 0,
            periods.Length == 2 ? periods[1] : 0,
            periods.Length,
            state.LastState,
            state.LastTs);
    }

    /// <param name="longPeriods">The periods kept aside, when <see cref="IsLong"/>.</param>
    public RelationshipState ToState(long[]? longPeriods)
    {
        var periods = _count switch
        {
            0 => [],
            1 => [_first],
            2 => [_first, _second],
            _ => longPeriods ?? throw new InvalidOperationException("a long period list is missing from the write cache"),
        };
        return new RelationshipState(periods, _lastState, _lastTs);
    }
}
