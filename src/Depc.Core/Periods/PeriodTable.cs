namespace Depc.Core.Periods;

/// <summary>
/// The relationship period table of SPEC §4, pure. An event is <c>from</c>, <c>to</c> or both
/// (the planner has already turned "neither" into "from now").
/// </summary>
public static class PeriodTable
{
    public static EventResult Apply(RelationshipState? current, long? from, long? to)
    {
        var step = Decide(current is null ? default : new PeriodView(current.Periods, current.LastState, current.LastTs), from, to);
        return step.Outcome switch
        {
            Storage.MessageOutcome.Accepted => EventResult.Accepted(Append(current, step)),
            Storage.MessageOutcome.Duplicate => EventResult.Duplicate(current),
            _ => EventResult.Rejected(current, step.Reason!),
        };
    }

    /// <summary>What the event does to a relationship in <paramref name="current"/> (no periods: no relationship yet).</summary>
    public static EventStep Decide(PeriodView current, long? from, long? to)
    {
        if (from is null && to is null)
        {
            throw new ArgumentException("an event has a from, a to or both");
        }

        if (current.Periods.IsEmpty)
        {
            return DecideNew(from, to);
        }

        return current.LastState == LastState.From
            ? DecideOpen(current, from, to)
            : DecideClosed(current, from, to);
    }

    private static EventStep DecideNew(long? from, long? to)
    {
        if (from is not { } x)
        {
            return EventStep.Refused($"rel event {Describe(from, to)} refused: a new relationship cannot start with 'to' alone");
        }

        if (to is not { } y)
        {
            return EventStep.Appending(LastState.From, x);
        }

        return x < y
            ? EventStep.Appending(LastState.To, x, y)
            : EventStep.Refused($"rel event {Describe(from, to)} refused: from must be less than to");
    }

    private static EventStep DecideOpen(PeriodView current, long? from, long? to)
    {
        var last = current.LastTs;
        switch (from, to)
        {
            case (not null, null):
                // Already active: a periodic re-send keeps the original start.
                return EventStep.Duplicate;
            case (null, { } y):
                return last < y
                    ? EventStep.Appending(LastState.To, y)
                    : Refuse(current, from, to, $"to must be greater than last_ts {last}");
            case ({ } x, { } y):
                if (last < y && y < x)
                {
                    return EventStep.Appending(LastState.From, y, x);
                }

                return current.Periods.Length >= 3 && EndsWith(current.Periods, y, x)
                    ? EventStep.Duplicate
                    : Refuse(current, from, to, $"an open relationship takes from/to only when last_ts {last} < to < from");
        }

        throw new InvalidOperationException("unreachable");
    }

    private static EventStep DecideClosed(PeriodView current, long? from, long? to)
    {
        var last = current.LastTs;
        switch (from, to)
        {
            case ({ } x, null):
                return last < x
                    ? EventStep.Appending(LastState.From, x)
                    : Refuse(current, from, to, $"from must be greater than last_ts {last}");
            case (null, { } y):
                return y == last
                    ? EventStep.Duplicate
                    : Refuse(current, from, to, "the relationship is already closed");
            case ({ } x, { } y):
                if (last < x && x < y)
                {
                    return EventStep.Appending(LastState.To, x, y);
                }

                return EndsWith(current.Periods, x, y)
                    ? EventStep.Duplicate
                    : Refuse(current, from, to, $"a closed relationship takes from/to only when last_ts {last} < from < to");
        }

        throw new InvalidOperationException("unreachable");
    }

    private static EventStep Refuse(PeriodView current, long? from, long? to, string why) =>
        EventStep.Refused($"rel event {Describe(from, to)} refused: {why} (relationship has {current.Describe()})");

    private static string Describe(long? from, long? to) => (from, to) switch
    {
        ({ } x, { } y) => $"{{from: {x}, to: {y}}}",
        ({ } x, null) => $"{{from: {x}}}",
        (null, { } y) => $"{{to: {y}}}",
        _ => "{}",
    };

    private static bool EndsWith(ReadOnlySpan<long> periods, long a, long b) =>
        periods.Length >= 2 && periods[^2] == a && periods[^1] == b;

    private static RelationshipState Append(RelationshipState? current, EventStep step)
    {
        var old = current?.Periods ?? [];
        var periods = new long[old.Length + step.Count];
        old.CopyTo(periods, 0);
        step.CopyTo(periods.AsSpan(old.Length));
        return new RelationshipState(periods, step.State, step.LastTs);
    }
}
