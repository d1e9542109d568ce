using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Core.Periods;

/// <summary>
/// Runs a relationship's events of one batch through the period table, in order, starting from
/// its stored state: every store writes only the final state and reports each message's outcome.
/// </summary>
public static class RelationshipResolver
{
    /// <returns>The state to store, or null when nothing changed.</returns>
    public static RelationshipState? Resolve(
        RelationshipState? stored,
        ReadOnlySpan<PlannedEvent> events,
        Span<MessageOutcome> outcomes,
        List<EventRejection> rejections)
    {
        var state = stored;
        var changed = false;
        foreach (var e in events)
        {
            var result = PeriodTable.Apply(state, e.From, e.To);
            outcomes[e.MessageIndex] = result.Outcome;
            if (result.Outcome == MessageOutcome.Accepted)
            {
                state = result.State;
                changed = true;
            }
            else if (result.Outcome == MessageOutcome.Rejected)
            {
                rejections.Add(new EventRejection(e.MessageIndex, result.Reason!));
            }
        }

        return changed ? state : null;
    }
}
