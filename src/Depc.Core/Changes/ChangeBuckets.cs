using Depc.Core.Periods;

namespace Depc.Core.Changes;

/// <summary>
/// The change index of a store: entries (a moment, a node or relationship) grouped by bucket of 2^12 s (about 68
/// minutes), so a write adds one row (or node) per bucket it touches instead of one per entry, and a diff between
/// <c>t1</c> and <c>t2</c> reads the buckets covering them: its cost follows the changes in between, plus at most two
/// partial buckets. Entries are only added; one that no longer holds (a period trimmed, a bound overwritten, an
/// element deleted) costs the diff a check, never a wrong answer.
/// </summary>
public static class ChangeBuckets
{
    public const int Bits = 12;

    public static long Of(long ts) => ts >> Bits;

    /// <summary>
    /// True when an entry at <paramref name="ts"/> may tell a change of activity between <paramref name="t1"/> and
    /// <paramref name="t2"/>: activity changes at a start <c>s</c> when <c>t1 &lt; s ≤ t2</c>, and after an (inclusive)
    /// end <c>e</c> when <c>t1 ≤ e &lt; t2</c>; both lie in <c>[t1, t2]</c>.
    /// </summary>
    public static bool MayTell(long ts, long t1, long t2) => t1 <= ts && ts <= t2;

    /// <summary>
    /// The period values of <paramref name="after"/> that <paramref name="before"/> (null: no relationship) did not
    /// have: the period table accepts only values after <c>last_ts</c>, and trimming drops old periods from the
    /// front, so they are the tail past <c>before.LastTs</c>.
    /// </summary>
    public static ReadOnlySpan<long> Appended(RelationshipState? before, RelationshipState after)
    {
        var periods = after.Periods.AsSpan();
        if (before is null)
        {
            return periods;
        }

        var start = periods.Length;
        while (start > 0 && periods[start - 1] > before.LastTs)
        {
            start--;
        }

        return periods[start..];
    }
}
