using Depc.Core.Messages;

namespace Depc.Core.Planning;

/// <summary>
/// Plans a subset of a plan's messages again, renumbered in order, from what the plan remembers of each message
/// (<see cref="PlanMessages"/>): the same plan <see cref="BatchPlanner"/> would make of those messages alone. Used on
/// the rare paths (a message the store refuses, messages another writer already applied), never per batch.
/// </summary>
public static class PlanSlicer
{
    /// <param name="kept">Indexes of the messages to keep, ascending.</param>
    public static BatchPlan Keep(BatchPlan plan, IReadOnlyList<int> kept)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(kept);
        var messages = plan.Messages ?? throw new ArgumentException("the plan does not remember its messages", nameof(plan));
        var events = EventsByMessage(plan);
        var builder = new BatchPlanBuilder(plan.Team, kept.Count, plan.MaxPeriods);
        var bounds = 0;
        var previous = -1;
        foreach (var m in kept)
        {
            if (m <= previous || m >= plan.MessageCount)
            {
                throw new ArgumentException("kept messages must be ascending indexes of the plan", nameof(kept));
            }

            previous = m;
            while (bounds < messages.Given.Count && messages.Given[bounds].Message < m)
            {
                bounds++;
            }

            var source = Node(plan, messages.Source(m), messages, bounds, m, target: false);
            var (targetGroup, targetAt) = messages.Target(m);
            if (targetGroup < 0)
            {
                builder.Add(new GraphMessage(source), now: 0);
                continue;
            }

            // The event is planned already ("from now" resolved), so the message's own now is no longer needed.
            var e = events[m];
            var target = Node(plan, (targetGroup, targetAt), messages, bounds, m, target: true);
            builder.Add(new GraphMessage(source, target, new RelSpec(e.From, e.To)), now: 0);
        }

        return builder.Build();
    }

    private static NodeSpec Node(BatchPlan plan, (int Group, int At) node, PlanMessages messages, int bounds, int message, bool target)
    {
        var group = plan.Nodes[node.Group];
        var name = group.Nodes[node.At].Name;
        for (var i = bounds; i < messages.Given.Count && messages.Given[i].Message == message; i++)
        {
            if (messages.Given[i].Target == target)
            {
                return new NodeSpec(group.Label, name, messages.Given[i].From, messages.Given[i].To);
            }
        }

        return new NodeSpec(group.Label, name);
    }

    private static PlannedEvent[] EventsByMessage(BatchPlan plan)
    {
        var events = new PlannedEvent[plan.MessageCount];
        foreach (var group in plan.Relationships)
        {
            foreach (var relationship in group.Relationships)
            {
                foreach (var e in relationship.Events)
                {
                    events[e.MessageIndex] = e;
                }
            }
        }

        return events;
    }
}
