namespace Depc.Core.Periods;

/// <summary>
/// A relationship's periods while a batch's events are applied: appended in place (amortised), trimmed from the front
/// by moving a start index, copied out once at the end.
/// </summary>
internal struct PeriodBuffer(long[] stored)
{
    private long[] _values = stored;
    private int _start;
    private int _end = stored.Length;
    private bool _owned;

    public readonly ReadOnlySpan<long> Span => _values.AsSpan(_start, _end - _start);

    public void Append(EventStep step)
    {
        if (!_owned || _end + step.Count > _values.Length)
        {
            // The stored array is shared with the caller's state: copy before the first write.
            var grown = new long[Math.Max(8, 2 * (_end - _start + step.Count))];
            Span.CopyTo(grown);
            (_values, _end, _start, _owned) = (grown, _end - _start, 0, true);
        }

        step.CopyTo(_values.AsSpan(_end));
        _end += step.Count;
    }

    /// <summary>Drops the oldest periods beyond <paramref name="maxPeriods"/>; returns how many.</summary>
    public int TrimTo(int maxPeriods)
    {
        var periods = (_end - _start + 1) / 2;
        if (periods <= maxPeriods)
        {
            return 0;
        }

        // Only the last period can be open, and at least one is kept: the dropped ones are all complete.
        var dropped = periods - maxPeriods;
        _start += 2 * dropped;
        return dropped;
    }

    public readonly long[] ToArray() => Span.ToArray();
}
