using Depc.Core.Ingestion;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Support;

/// <summary><see cref="RelationshipResolver.Resolve"/> with the default period limit, for tests that do not look at trimming.</summary>
internal static class Resolving
{
    public static RelationshipState? Resolve(
        RelationshipState? stored, ReadOnlySpan<PlannedEvent> events, Span<MessageOutcome> outcomes, List<EventRejection> rejections)
    {
        long trimmed = 0;
        return RelationshipResolver.Resolve(stored, events, outcomes, rejections, IngestLimits.DefaultMaxPeriods, ref trimmed);
    }
}
