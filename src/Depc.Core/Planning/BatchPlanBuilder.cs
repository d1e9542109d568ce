using Depc.Core.Messages;
using Depc.Core.Naming;

namespace Depc.Core.Planning;

/// <summary>
/// Builds a <see cref="BatchPlan"/> one message at a time, in order, as <see cref="BatchPlanner"/> describes. A
/// reader that adds each message as soon as it is decoded lets the message die young instead of waiting for the
/// whole batch (and being promoted by the collections meanwhile). Use once: <see cref="Build"/> ends it.
/// </summary>
public sealed class BatchPlanBuilder
{
    private readonly TeamName _team;
    private readonly long _now;
    private readonly Dictionary<string, List<NodeUpsert>> _nodeGroups = new(StringComparer.Ordinal);
    private readonly List<LabelNodes> _labels = [];
    private readonly Dictionary<(string, string), List<RelationshipEvents>> _relGroups = [];
    private readonly List<RelationshipGroup> _pairs = [];
    private PlanIndexes? _indexes;
    private int _count;

    /// <param name="now">Unix seconds used as <c>from</c> for events that carry neither bound.</param>
    /// <param name="expectedMessages">How many messages will be added, to size the tables once.</param>
    public BatchPlanBuilder(TeamName team, long now, int expectedMessages)
    {
        (_team, _now) = (team, now);
        _indexes = PlanIndexes.Rent(expectedMessages);
    }

    public void Add(GraphMessage message)
    {
        var indexes = _indexes ?? throw new InvalidOperationException("The plan is already built.");
        var index = _count++;
        var sourceAt = AddNode(indexes, message.Source);
        if (message.Target is not { } target)
        {
            return;
        }

        var targetAt = AddNode(indexes, target);
        var (from, to) = message.Rel is { } rel && (rel.From is not null || rel.To is not null)
            ? (rel.From, rel.To)
            : (_now, (long?)null);
        EventsOf(indexes, message.Source, sourceAt, target, targetAt).Add(new PlannedEvent(index, from, to));
    }

    public BatchPlan Build()
    {
        var indexes = _indexes ?? throw new InvalidOperationException("The plan is already built.");
        _indexes = null;
        indexes.Return();
        return new BatchPlan(_team, _count, _labels, _pairs);
    }

    // Returns the node's position in its label's group.
    private int AddNode(PlanIndexes indexes, NodeSpec spec)
    {
        if (indexes.Nodes.TryGetValue((spec.Label, spec.Name), out var at))
        {
            if (spec.From is not null || spec.To is not null)
            {
                var old = at.Group[at.At];
                at.Group[at.At] = old with { From = spec.From ?? old.From, To = spec.To ?? old.To };
            }

            return at.At;
        }

        if (!_nodeGroups.TryGetValue(spec.Label, out var group))
        {
            _nodeGroups.Add(spec.Label, group = []);
            _labels.Add(new LabelNodes(spec.Label, group));
        }

        indexes.Nodes.Add((spec.Label, spec.Name), (group, group.Count));
        group.Add(new NodeUpsert(spec.Name, spec.From, spec.To));
        return group.Count - 1;
    }

    private List<PlannedEvent> EventsOf(PlanIndexes indexes, NodeSpec source, int sourceAt, NodeSpec target, int targetAt)
    {
        if (indexes.Relationships.TryGetValue((source.Label, source.Name, target.Label, target.Name), out var events))
        {
            return events;
        }

        if (!_relGroups.TryGetValue((source.Label, target.Label), out var group))
        {
            _relGroups.Add((source.Label, target.Label), group = []);
            _pairs.Add(new RelationshipGroup(source.Label, target.Label, group));
        }

        // Most relationships have one event in a batch.
        events = new List<PlannedEvent>(1);
        indexes.Relationships.Add((source.Label, source.Name, target.Label, target.Name), events);
        group.Add(new RelationshipEvents(source.Name, target.Name, events, sourceAt, targetAt));
        return events;
    }
}
