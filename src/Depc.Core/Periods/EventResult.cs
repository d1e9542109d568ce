using Depc.Core.Storage;

namespace Depc.Core.Periods;

/// <summary>What the period table made of one event: the new state when accepted, a reason when rejected.</summary>
public readonly record struct EventResult(MessageOutcome Outcome, RelationshipState? State, string? Reason)
{
    public static EventResult Accepted(RelationshipState state) => new(MessageOutcome.Accepted, state, null);

    public static EventResult Duplicate(RelationshipState? state) => new(MessageOutcome.Duplicate, state, null);

    public static EventResult Rejected(RelationshipState? state, string reason) => new(MessageOutcome.Rejected, state, reason);
}
