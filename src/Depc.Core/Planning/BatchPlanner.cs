using Depc.Core.Messages;
using Depc.Core.Naming;

namespace Depc.Core.Planning;

/// <summary>
/// Turns a team's messages, in order, into one <see cref="BatchPlan"/>. Node properties fold
/// (the last non-null value wins, as successive overwrites would); relationship events keep
/// their order so the period table sees them as one-by-one application would. Groups and their
/// members keep the order of first appearance.
/// </summary>
public static class BatchPlanner
{
    /// <param name="now">Unix seconds used as <c>from</c> for events that carry neither bound (the same for every message).</param>
    public static BatchPlan Plan(TeamName team, IReadOnlyList<GraphMessage> messages, long now)
    {
        var builder = new BatchPlanBuilder(team, messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            builder.Add(messages[i], now);
        }

        return builder.Build();
    }
}
