using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Core.Periods;

/// <summary>
/// Runs a relationship's events of one batch through the period table, in order, starting from
/// its stored state: every store writes only the final state and reports each message's outcome.
/// The periods grow in one buffer and are trimmed to the limit as they go (SPEC §4): a batch of any
/// number of events on one relationship costs time linear in its events and memory bounded by the limit.
/// </summary>
public static class RelationshipResolver
{
    /// <param name="maxPeriods">The most periods kept (<see cref="Ingestion.IngestLimits.MaxPeriods"/>): the oldest complete ones go first.</param>
    /// <param name="trimmed">Incremented by the number of periods dropped.</param>
    /// <returns>The state to store, or null when nothing changed.</returns>
    public static RelationshipState? Resolve(
        RelationshipState? stored,
        ReadOnlySpan<PlannedEvent> events,
        Span<MessageOutcome> outcomes,
        List<EventRejection> rejections,
        int maxPeriods,
        ref long trimmed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPeriods);
        var periods = new PeriodBuffer(stored?.Periods ?? []);
        var (state, lastTs) = stored is null ? (LastState.From, 0L) : (stored.LastState, stored.LastTs);
        var changed = false;
        foreach (var e in events)
        {
            var step = PeriodTable.Decide(new PeriodView(periods.Span, state, lastTs), e.From, e.To);
            outcomes[e.MessageIndex] = step.Outcome;
            if (step.Outcome == MessageOutcome.Accepted)
            {
                periods.Append(step);
                trimmed += periods.TrimTo(maxPeriods);
                (state, lastTs, changed) = (step.State, step.LastTs, true);
            }
            else if (step.Outcome == MessageOutcome.Rejected)
            {
                rejections.Add(new EventRejection(e.MessageIndex, step.Reason!));
            }
        }

        return changed ? new RelationshipState(periods.ToArray(), state, lastTs) : null;
    }
}
