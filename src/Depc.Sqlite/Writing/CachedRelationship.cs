using Depc.Core.Periods;

namespace Depc.Sqlite.Writing;

/// <summary>
/// A relationship state as the write cache keeps it: up to two periods (most relationships) inline, so a cached
/// relationship is one dictionary entry (~64 B) instead of an entry, a <see cref="RelationshipState"/> and its
/// period array (~104 B and two objects for every collection to trace). Longer period lists are shared, not copied:
/// the period table never changes an array it has handed out.
/// </summary>
internal readonly struct CachedRelationship
{
    private readonly long[]? _periods;
    private readonly long _first;
    private readonly long _second;
    private readonly int _count;
    private readonly LastState _lastState;
    private readonly long _lastTs;

    public CachedRelationship(RelationshipState state)
    {
        var periods = state.Periods;
        _count = periods.Length;
        if (_count > 2)
        {
            _periods = periods;
        }
        else
        {
            _first = _count > 0 ? periods[0] : 0;
            _second = _count > 1 ? periods[1] : 0;
        }

        (_lastState, _lastTs) = (state.LastState, state.LastTs);
    }

    public RelationshipState ToState()
    {
        var periods = _periods ?? _count switch
        {
            0 => [],
            1 => [_first],
            _ => [_first, _second],
        };
        return new RelationshipState(periods, _lastState, _lastTs);
    }
}
