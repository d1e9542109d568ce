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
    /// <param name="now">Unix seconds used as <c>from</c> for events that carry neither bound.</param>
    public static BatchPlan Plan(TeamName team, IReadOnlyList<GraphMessage> messages, long now)
    {
        // Sized for a message each: growing them would allocate (and drop) each table several times per batch.
        var nodeIndex = new Dictionary<(string Label, string Name), (List<NodeUpsert> Group, int At)>(messages.Count);
        var nodeGroups = new Dictionary<string, List<NodeUpsert>>(StringComparer.Ordinal);
        var labels = new List<LabelNodes>();
        var relIndex = new Dictionary<(string, string, string, string), List<PlannedEvent>>(messages.Count);
        var relGroups = new Dictionary<(string, string), List<RelationshipEvents>>();
        var pairs = new List<RelationshipGroup>();

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var sourceAt = AddNode(message.Source);
            if (message.Target is not { } target)
            {
                continue;
            }

            var targetAt = AddNode(target);
            var (from, to) = message.Rel is { } rel && (rel.From is not null || rel.To is not null)
                ? (rel.From, rel.To)
                : (now, (long?)null);
            EventsOf(message.Source, sourceAt, target, targetAt).Add(new PlannedEvent(i, from, to));
        }

        return new BatchPlan(team, messages.Count, labels, pairs);

        // Returns the node's position in its label's group.
        int AddNode(NodeSpec spec)
        {
            if (nodeIndex.TryGetValue((spec.Label, spec.Name), out var at))
            {
                if (spec.From is not null || spec.To is not null)
                {
                    var old = at.Group[at.At];
                    at.Group[at.At] = old with { From = spec.From ?? old.From, To = spec.To ?? old.To };
                }

                return at.At;
            }

            if (!nodeGroups.TryGetValue(spec.Label, out var group))
            {
                nodeGroups.Add(spec.Label, group = []);
                labels.Add(new LabelNodes(spec.Label, group));
            }

            nodeIndex.Add((spec.Label, spec.Name), (group, group.Count));
            group.Add(new NodeUpsert(spec.Name, spec.From, spec.To));
            return group.Count - 1;
        }

        List<PlannedEvent> EventsOf(NodeSpec source, int sourceAt, NodeSpec target, int targetAt)
        {
            if (relIndex.TryGetValue((source.Label, source.Name, target.Label, target.Name), out var events))
            {
                return events;
            }

            if (!relGroups.TryGetValue((source.Label, target.Label), out var group))
            {
                relGroups.Add((source.Label, target.Label), group = []);
                pairs.Add(new RelationshipGroup(source.Label, target.Label, group));
            }

            // Most relationships have one event in a batch.
            events = new List<PlannedEvent>(1);
            relIndex.Add((source.Label, source.Name, target.Label, target.Name), events);
            group.Add(new RelationshipEvents(source.Name, target.Name, events, sourceAt, targetAt));
            return events;
        }
    }
}
