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
    private readonly PlanMessages _messages;
    private readonly Dictionary<string, int> _nodeGroups = new(StringComparer.Ordinal);
    private readonly List<List<NodeUpsert>> _nodeLists = [];
    private readonly List<LabelNodes> _labels = [];
    private readonly Dictionary<(string, string), int> _relGroups = [];
    private readonly List<List<RelationshipEvents>> _relLists = [];
    private readonly List<RelationshipGroup> _pairs = [];
    private readonly int _maxPeriods;
    private PlanIndexes? _indexes;
    private int _count;

    /// <param name="expectedMessages">How many messages will be added, to size the tables once.</param>
    /// <param name="maxPeriods">The most periods a relationship keeps when the plan is applied (SPEC §4).</param>
    public BatchPlanBuilder(TeamName team, int expectedMessages, int maxPeriods = Ingestion.IngestLimits.DefaultMaxPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPeriods);
        _team = team;
        _maxPeriods = maxPeriods;
        _messages = new PlanMessages(expectedMessages);
        _indexes = PlanIndexes.Rent(expectedMessages);
    }

    /// <param name="now">The message's own "now" (Unix seconds): the <c>from</c> of its event when it carries neither bound.</param>
    public void Add(GraphMessage message, long now)
    {
        var indexes = _indexes ?? throw new InvalidOperationException("The plan is already built.");
        var index = _count++;
        var (source, sourceGroup, sourceAt) = AddNode(indexes, message.Source);
        _messages.Bounds(index, target: false, message.Source);
        if (message.Target is not { } target)
        {
            _messages.Add(sourceGroup, sourceAt, -1, -1);
            return;
        }

        var (targetName, targetGroup, targetAt) = AddNode(indexes, target);
        _messages.Bounds(index, target: true, target);
        _messages.Add(sourceGroup, sourceAt, targetGroup, targetAt);
        var (from, to) = message.Rel is { } rel && (rel.From is not null || rel.To is not null)
            ? (rel.From, rel.To)
            : (now, (long?)null);
        var slot = SlotOf(indexes, message.Source.Label, source, sourceAt, target.Label, targetName, targetAt);
        indexes.Events.Add((slot, new PlannedEvent(index, from, to)));
        var (group, at, events) = indexes.Slots[slot];
        indexes.Slots[slot] = (group, at, events + 1);
    }

    public BatchPlan Build()
    {
        var indexes = _indexes ?? throw new InvalidOperationException("The plan is already built.");
        _indexes = null;
        LayOutEvents(indexes);
        indexes.Return();
        return new BatchPlan(_team, _count, _labels, _pairs) { Messages = _messages, MaxPeriods = _maxPeriods };
    }

    // Returns the name as the plan keeps it, the node's label group and its position there.
    private (string Name, int Group, int At) AddNode(PlanIndexes indexes, NodeSpec spec)
    {
        if (indexes.Nodes.TryGetValue((spec.Label, spec.Name), out var known))
        {
            var nodes = _nodeLists[known.Group];
            var old = nodes[known.At];
            if (spec.From is not null || spec.To is not null)
            {
                nodes[known.At] = old with { From = spec.From ?? old.From, To = spec.To ?? old.To };
            }

            return (old.Name, known.Group, known.At);
        }

        if (!_nodeGroups.TryGetValue(spec.Label, out var group))
        {
            _nodeGroups.Add(spec.Label, group = _nodeLists.Count);
            _nodeLists.Add([]);
            _labels.Add(new LabelNodes(spec.Label, _nodeLists[group]));
        }

        var list = _nodeLists[group];
        var name = indexes.Intern(spec.Name);
        indexes.Nodes.Add((spec.Label, name), (group, list.Count));
        list.Add(new NodeUpsert(name, spec.From, spec.To));
        return (name, group, list.Count - 1);
    }

    private int SlotOf(PlanIndexes indexes, string sourceLabel, string source, int sourceAt, string targetLabel, string target, int targetAt)
    {
        if (indexes.Relationships.TryGetValue((sourceLabel, source, targetLabel, target), out var slot))
        {
            return slot;
        }

        if (!_relGroups.TryGetValue((sourceLabel, targetLabel), out var group))
        {
            _relGroups.Add((sourceLabel, targetLabel), group = _relLists.Count);
            _relLists.Add([]);
            _pairs.Add(new RelationshipGroup(sourceLabel, targetLabel, _relLists[group]));
        }

        var list = _relLists[group];
        slot = indexes.Slots.Count;
        indexes.Relationships.Add((sourceLabel, source, targetLabel, target), slot);
        indexes.Slots.Add((group, list.Count, 0));
        list.Add(new RelationshipEvents(source, target, default, sourceAt, targetAt));
        return slot;
    }

    // Gives each relationship its events as one slice of a single array, keeping their message order.
    private void LayOutEvents(PlanIndexes indexes)
    {
        var all = new PlannedEvent[indexes.Events.Count];
        var starts = new int[indexes.Slots.Count];
        var next = 0;
        for (var slot = 0; slot < starts.Length; slot++)
        {
            var (group, at, events) = indexes.Slots[slot];
            starts[slot] = next;
            var list = _relLists[group];
            list[at] = list[at] with { Events = new ArraySegment<PlannedEvent>(all, next, events) };
            next += events;
        }

        foreach (var (slot, e) in indexes.Events)
        {
            all[starts[slot]++] = e;
        }
    }
}
