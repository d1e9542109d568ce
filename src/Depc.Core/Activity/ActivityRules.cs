namespace Depc.Core.Activity;

/// <summary>
/// When nodes and relationships count as active (SPEC §6). Bounds are inclusive; a missing node
/// <c>from</c> is 0 and a missing <c>to</c> is +∞; a relationship without periods is always active.
/// </summary>
public static class ActivityRules
{
    public static bool NodeActiveAt(long? from, long? to, long t) =>
        (from ?? 0) <= t && t <= (to ?? long.MaxValue);

    public static bool RelationshipActiveAt(ReadOnlySpan<long> periods, long t)
    {
        if (periods.IsEmpty)
        {
            return true;
        }

        for (var i = 0; i + 1 < periods.Length; i += 2)
        {
            if (periods[i] <= t && t <= periods[i + 1])
            {
                return true;
            }
        }

        return periods.Length % 2 == 1 && t >= periods[^1];
    }

    public static bool NodeActiveOn(long? from, long? to, UtcDay day)
    {
        var (s, e) = (day.Start, day.End);
        var f = from ?? 0;
        return (s <= f && f <= e) || (f <= s && s <= (to ?? long.MaxValue));
    }

    public static bool RelationshipActiveOn(ReadOnlySpan<long> periods, UtcDay day)
    {
        if (periods.IsEmpty)
        {
            return true;
        }

        var (s, e) = (day.Start, day.End);
        for (var i = 0; i < periods.Length; i += 2)
        {
            var start = periods[i];
            var end = i + 1 < periods.Length ? periods[i + 1] : e;
            if (start <= e && s <= end)
            {
                return true;
            }
        }

        return false;
    }
}
