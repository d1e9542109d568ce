using Depc.Core.Activity;
using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>Shapes a node's direct neighbours into a <see cref="DependenciesAnswer"/> for one day.</summary>
public static class DependencyQuery
{
    public static DependenciesAnswer Build(
        GraphNode node,
        IReadOnlyList<Neighbour> neighbours,
        Direction direction,
        UtcDay day,
        bool includeInactive)
    {
        var groups = new SortedDictionary<string, List<DependencyEntry>>(StringComparer.Ordinal)
        {
            [node.Label] = [new DependencyEntry(node.Name, node.From, node.To, null, !ActivityRules.NodeActiveOn(node.From, node.To, day))],
        };
        var nodes = new List<GraphViewNode> { new(node.Id, node.Label, node.Name) };
        var relationships = new List<GraphViewRelationship>();

        foreach (var n in neighbours.OrderBy(n => n.Node.Label, StringComparer.Ordinal).ThenBy(n => n.Node.Name, StringComparer.Ordinal))
        {
            var other = n.Node;
            var inactive = !ActivityRules.RelationshipActiveOn(n.Periods, day) || !ActivityRules.NodeActiveOn(other.From, other.To, day);
            if (inactive && !includeInactive)
            {
                continue;
            }

            if (!groups.TryGetValue(other.Label, out var list))
            {
                groups[other.Label] = list = [];
            }

            list.Add(new DependencyEntry(other.Name, other.From, other.To, n.Periods, inactive));
            if (other.Id != node.Id)
            {
                nodes.Add(new GraphViewNode(other.Id, other.Label, other.Name));
            }

            var (from, to) = direction == Direction.Dependencies ? (node.Id, other.Id) : (other.Id, node.Id);
            relationships.Add(new GraphViewRelationship(n.RelationshipId, from, to, n.Periods));
        }

        var dependencies = groups.ToDictionary(g => g.Key, g => (IReadOnlyList<DependencyEntry>)g.Value, StringComparer.Ordinal);
        return new DependenciesAnswer(dependencies, new GraphView(nodes, relationships));
    }
}
