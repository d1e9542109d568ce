using Depc.Core.Planning;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The relationships of a plan in one flat order (group by group), each with the ids of its two nodes as the lock
/// request returned them: the key of a relationship is its position in that order.
/// </summary>
internal sealed class RelationshipPairs
{
    private readonly long[] _sources;
    private readonly long[] _targets;
    private readonly bool[] _touchesNewNode;

    public RelationshipPairs(BatchPlan plan, NodeIds ids)
    {
        var labelGroup = new Dictionary<string, int>(plan.Nodes.Count, StringComparer.Ordinal);
        for (var g = 0; g < plan.Nodes.Count; g++)
        {
            labelGroup[plan.Nodes[g].Label] = g;
        }

        Count = plan.RelationshipCount;
        (_sources, _targets, _touchesNewNode) = (new long[Count], new long[Count], new bool[Count]);
        var key = 0;
        foreach (var group in plan.Relationships)
        {
            var (source, target) = (labelGroup[group.SourceLabel], labelGroup[group.TargetLabel]);
            foreach (var relationship in group.Relationships)
            {
                _sources[key] = ids.Id(source, relationship.SourceAt);
                _targets[key] = ids.Id(target, relationship.TargetAt);
                _touchesNewNode[key] = ids.IsNew(source, relationship.SourceAt) || ids.IsNew(target, relationship.TargetAt);
                key++;
            }
        }
    }

    public int Count { get; }

    public long Source(int key) => _sources[key];

    public long Target(int key) => _targets[key];

    /// <summary>The relationships that may already be stored: both nodes existed before this transaction.</summary>
    public List<(int Key, long Source, long Target)> BetweenOldNodes()
    {
        var pairs = new List<(int Key, long Source, long Target)>();
        for (var key = 0; key < Count; key++)
        {
            if (!_touchesNewNode[key])
            {
                pairs.Add((key, _sources[key], _targets[key]));
            }
        }

        return pairs;
    }
}
