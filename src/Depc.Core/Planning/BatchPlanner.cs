using Depc.Core.Messages;
using Depc.Core.Naming;

namespace Depc.Core.Planning;

/// <summary>
/// Turns a team's messages, in order, into one <see cref="BatchPlan"/>. Node properties fold
/// (the last non-null value wins, as successive overwrites would); relationship events keep
/// their order so the period table sees them as one-by-one application would.
/// </summary>
public static class BatchPlanner
{
    /// <param name="now">Unix seconds used as <c>from</c> for events that carry neither bound.</param>
    public static BatchPlan Plan(TeamName team, IReadOnlyList<GraphMessage> messages, long now)
    {
        var nodes = new Dictionary<(string Label, string Name), int>();
        var nodeList = new List<(string Label, NodeUpsert Node)>();
        var rels = new Dictionary<(string, string, string, string), int>();
        var relList = new List<(string SourceLabel, string TargetLabel, string SourceName, string TargetName, List<PlannedEvent> Events)>();

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            AddNode(message.Source);
            if (message.Target is not { } target)
            {
                continue;
            }

            AddNode(target);
            var key = (message.Source.Label, message.Source.Name, target.Label, target.Name);
            if (!rels.TryGetValue(key, out var r))
            {
                r = relList.Count;
                rels.Add(key, r);
                relList.Add((message.Source.Label, target.Label, message.Source.Name, target.Name, []));
            }

            var (from, to) = message.Rel is { } rel && (rel.From is not null || rel.To is not null)
                ? (rel.From, rel.To)
                : (now, (long?)null);
            relList[r].Events.Add(new PlannedEvent(i, from, to));
        }

        return new BatchPlan(team, messages.Count, GroupNodes(nodeList), GroupRelationships(relList));

        void AddNode(NodeSpec spec)
        {
            if (nodes.TryGetValue((spec.Label, spec.Name), out var n))
            {
                var (label, old) = nodeList[n];
                if (spec.From is not null || spec.To is not null)
                {
                    nodeList[n] = (label, new NodeUpsert(old.Name, spec.From ?? old.From, spec.To ?? old.To));
                }
            }
            else
            {
                nodes.Add((spec.Label, spec.Name), nodeList.Count);
                nodeList.Add((spec.Label, new NodeUpsert(spec.Name, spec.From, spec.To)));
            }
        }
    }

    private static List<LabelNodes> GroupNodes(List<(string Label, NodeUpsert Node)> nodes) =>
        [.. nodes.GroupBy(n => n.Label, StringComparer.Ordinal)
            .Select(g => new LabelNodes(g.Key, [.. g.Select(n => n.Node)]))];

    private static List<RelationshipGroup> GroupRelationships(
        List<(string SourceLabel, string TargetLabel, string SourceName, string TargetName, List<PlannedEvent> Events)> rels) =>
        [.. rels.GroupBy(r => (r.SourceLabel, r.TargetLabel))
            .Select(g => new RelationshipGroup(
                g.Key.SourceLabel,
                g.Key.TargetLabel,
                [.. g.Select(r => new RelationshipEvents(r.SourceName, r.TargetName, r.Events))]))];
}
