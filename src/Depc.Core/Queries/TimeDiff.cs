using Depc.Core.Activity;
using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// The diff of SPEC §7.9 from change candidates: each candidate's activity at both moments decides, so candidates
/// that did not change (stale index entries, a node's whole neighbourhood) cost time only. A relationship held twice
/// between the same nodes (legacy graphs) counts as active when one of them is.
/// </summary>
public static class TimeDiff
{
    public static DiffAnswer Compute(ChangeCandidates candidates, DiffQuery query)
    {
        var (t1, t2) = (query.From, query.To);
        var scope = query.Node is { } name ? new NodeKey(query.Label!, name) : null;

        var relationships = new Dictionary<RelationshipKey, (bool Before, bool After)>();
        var neighbourhood = new HashSet<NodeKey>();
        foreach (var r in candidates.Relationships)
        {
            var key = new RelationshipKey(KeyOf(r.Source), KeyOf(r.Target));
            if (!InScope(key, query.Label, scope))
            {
                continue;
            }

            if (scope is not null)
            {
                neighbourhood.Add(key.Source);
                neighbourhood.Add(key.Target);
            }

            relationships.TryGetValue(key, out var seen);
            relationships[key] = (seen.Before || ActivityRules.RelationshipActiveAt(r.Periods, t1), seen.After || ActivityRules.RelationshipActiveAt(r.Periods, t2));
        }

        var nodes = new Dictionary<NodeKey, (bool Before, bool After)>();
        foreach (var n in candidates.Nodes)
        {
            var key = KeyOf(n);
            var inScope = scope is not null ? key == scope || neighbourhood.Contains(key)
                : query.Label is null || string.Equals(n.Label, query.Label, StringComparison.Ordinal);
            if (inScope)
            {
                nodes[key] = (ActivityRules.NodeActiveAt(n.From, n.To, t1), ActivityRules.NodeActiveAt(n.From, n.To, t2));
            }
        }

        return new DiffAnswer(Side(nodes, relationships, appeared: true, query), Side(nodes, relationships, appeared: false, query));
    }

    private static bool InScope(RelationshipKey key, string? label, NodeKey? node) =>
        node is not null ? key.Source == node || key.Target == node
        : label is null || string.Equals(key.Source.Label, label, StringComparison.Ordinal) || string.Equals(key.Target.Label, label, StringComparison.Ordinal);

    private static DiffSide Side(
        Dictionary<NodeKey, (bool Before, bool After)> nodes,
        Dictionary<RelationshipKey, (bool Before, bool After)> relationships,
        bool appeared,
        DiffQuery query) => new(Page(Changed(nodes, appeared), NodeKey.Order, query), Page(Changed(relationships, appeared), RelationshipKey.Order, query));

    private static List<T> Changed<T>(Dictionary<T, (bool Before, bool After)> activity, bool appeared)
        where T : notnull
    {
        var changed = new List<T>();
        foreach (var (key, (before, after)) in activity)
        {
            if (appeared ? after && !before : before && !after)
            {
                changed.Add(key);
            }
        }

        return changed;
    }

    private static List<T> Page<T>(List<T> items, Comparer<T> order, DiffQuery query)
    {
        items.Sort(order);
        return [.. items.Skip(query.Skip).Take(query.Limit ?? int.MaxValue)];
    }

    private static NodeKey KeyOf(GraphNode node) => new(node.Label, node.Name);
}
