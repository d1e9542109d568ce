using Depc.Core.Storage;

namespace Depc.Core.Periods;

/// <summary>What the period table decides for one event: the one or two values it appends when accepted, or why not.</summary>
public readonly record struct EventStep(MessageOutcome Outcome, LastState State, int Count, long First, long Second, string? Reason)
{
    public static EventStep Duplicate => new(MessageOutcome.Duplicate, default, 0, 0, 0, null);

    /// <summary>The new last_ts: the last value appended.</summary>
    public long LastTs => Count == 2 ? Second : First;

    public static EventStep Appending(LastState state, long value) => new(MessageOutcome.Accepted, state, 1, value, 0, null);

    public static EventStep Appending(LastState state, long first, long second) => new(MessageOutcome.Accepted, state, 2, first, second, null);

    public static EventStep Refused(string reason) => new(MessageOutcome.Rejected, default, 0, 0, 0, reason);

    public void CopyTo(Span<long> destination)
    {
        destination[0] = First;
        if (Count == 2)
        {
            destination[1] = Second;
        }
    }
}
