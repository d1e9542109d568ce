namespace Depc.Core.Periods;

/// <summary>
/// The relationship period table of SPEC §4, pure. An event is <c>from</c>, <c>to</c> or both
/// (the planner has already turned "neither" into "from now").
/// </summary>
public static class PeriodTable
{
    public static EventResult Apply(RelationshipState? current, long? from, long? to)
    {
        if (from is null && to is null)
        {
            throw new ArgumentException("an event has a from, a to or both");
        }

        if (current is null || current.Periods.Length == 0)
        {
            return ApplyToNew(current, from, to);
        }

        return current.LastState == LastState.From
            ? ApplyToOpen(current, from, to)
            : ApplyToClosed(current, from, to);
    }

    private static EventResult ApplyToNew(RelationshipState? current, long? from, long? to)
    {
        if (from is not { } x)
        {
            return EventResult.Rejected(current, $"rel event {Describe(from, to)} refused: a new relationship cannot start with 'to' alone");
        }

        if (to is not { } y)
        {
            return EventResult.Accepted(new RelationshipState([x], LastState.From, x));
        }

        return x < y
            ? EventResult.Accepted(new RelationshipState([x, y], LastState.To, y))
            : EventResult.Rejected(current, $"rel event {Describe(from, to)} refused: from must be less than to");
    }

    private static EventResult ApplyToOpen(RelationshipState current, long? from, long? to)
    {
        var last = current.LastTs;
        switch (from, to)
        {
            case (not null, null):
                // Already active: a periodic re-send keeps the original start.
                return EventResult.Duplicate(current);
            case (null, { } y):
                return last < y
                    ? EventResult.Accepted(Append(current, LastState.To, y))
                    : Refuse(current, from, to, $"to must be greater than last_ts {last}");
            case ({ } x, { } y):
                if (last < y && y < x)
                {
                    return EventResult.Accepted(Append(current, LastState.From, y, x));
                }

                return current.Periods.Length >= 3 && EndsWith(current.Periods, y, x)
                    ? EventResult.Duplicate(current)
                    : Refuse(current, from, to, $"an open relationship takes from/to only when last_ts {last} < to < from");
        }

        throw new InvalidOperationException("unreachable");
    }

    private static EventResult ApplyToClosed(RelationshipState current, long? from, long? to)
    {
        var last = current.LastTs;
        switch (from, to)
        {
            case ({ } x, null):
                return last < x
                    ? EventResult.Accepted(Append(current, LastState.From, x))
                    : Refuse(current, from, to, $"from must be greater than last_ts {last}");
            case (null, { } y):
                return y == last
                    ? EventResult.Duplicate(current)
                    : Refuse(current, from, to, "the relationship is already closed");
            case ({ } x, { } y):
                if (last < x && x < y)
                {
                    return EventResult.Accepted(Append(current, LastState.To, x, y));
                }

                return EndsWith(current.Periods, x, y)
                    ? EventResult.Duplicate(current)
                    : Refuse(current, from, to, $"a closed relationship takes from/to only when last_ts {last} < from < to");
        }

        throw new InvalidOperationException("unreachable");
    }

    private static EventResult Refuse(RelationshipState current, long? from, long? to, string why) =>
        EventResult.Rejected(current, $"rel event {Describe(from, to)} refused: {why} (relationship has {current})");

    private static string Describe(long? from, long? to) => (from, to) switch
    {
        ({ } x, { } y) => $"{{from: {x}, to: {y}}}",
        ({ } x, null) => $"{{from: {x}}}",
        (null, { } y) => $"{{to: {y}}}",
        _ => "{}",
    };

    private static bool EndsWith(long[] periods, long a, long b) =>
        periods.Length >= 2 && periods[^2] == a && periods[^1] == b;

    private static RelationshipState Append(RelationshipState current, LastState state, params ReadOnlySpan<long> values)
    {
        var periods = new long[current.Periods.Length + values.Length];
        current.Periods.CopyTo(periods, 0);
        values.CopyTo(periods.AsSpan(current.Periods.Length));
        return new RelationshipState(periods, state, values[^1]);
    }
}
