namespace Depc.Core.Periods;

/// <summary>A relationship's state as the period table reads it, over periods held anywhere (no copy).</summary>
public readonly ref struct PeriodView(ReadOnlySpan<long> periods, LastState lastState, long lastTs)
{
    public ReadOnlySpan<long> Periods { get; } = periods;

    public LastState LastState { get; } = lastState;

    public long LastTs { get; } = lastTs;

    /// <summary>
    /// The state as a rejection reason shows it (SPEC §4): the number of periods and at most the last two, never the whole
    /// list, which a hostile producer could make as long as it likes.
    /// </summary>
    public string Describe()
    {
        var periods = Periods;
        var count = (periods.Length + 1) / 2;
        var tail = periods[Math.Max(0, periods.Length - (periods.Length % 2 == 1 ? 3 : 4))..];
        var shown = count <= 2 ? "periods" : "last two periods";
        return $"last_state '{RelationshipState.StateText(LastState)}', last_ts {LastTs}, {count} period{(count == 1 ? "" : "s")}, {shown} [{string.Join(", ", tail.ToArray())}]";
    }
}
