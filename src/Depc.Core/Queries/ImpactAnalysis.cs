using Depc.Core.Activity;
using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// Which nodes of a label a failure impacts, and which of them through a wholly active path.
/// Two breadth-first walks over the reverse-reachable subgraph, so the cost grows with its size
/// (nodes + edges), never with the number of paths.
/// </summary>
public static class ImpactAnalysis
{
    /// <returns>Every impacted node of <paramref name="impactedLabel"/>, sorted by name.</returns>
    public static IReadOnlyList<ImpactedNode> Compute(ImpactSubgraph graph, string impactedLabel, long ts)
    {
        var active = ActivelyReachable(graph, ts);
        var result = new List<ImpactedNode>();
        foreach (var n in graph.Nodes)
        {
            if (n.Id != graph.Root.Id && string.Equals(n.Label, impactedLabel, StringComparison.Ordinal))
            {
                result.Add(new ImpactedNode(n.Name, n.From, n.To, active.Contains(n.Id)));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <summary>Nodes with at least one path to the root whose every node and relationship is active at <paramref name="ts"/>.</summary>
    private static HashSet<long> ActivelyReachable(ImpactSubgraph graph, long ts)
    {
        var reached = new HashSet<long>();
        if (!ActivityRules.NodeActiveAt(graph.Root.From, graph.Root.To, ts))
        {
            return reached;
        }

        var activeNodes = new HashSet<long>();
        foreach (var n in graph.Nodes)
        {
            if (ActivityRules.NodeActiveAt(n.From, n.To, ts))
            {
                activeNodes.Add(n.Id);
            }
        }

        var dependents = new Dictionary<long, List<long>>();
        foreach (var e in graph.Edges)
        {
            if (activeNodes.Contains(e.DependentId) && ActivityRules.RelationshipActiveAt(e.Periods, ts))
            {
                if (!dependents.TryGetValue(e.DependencyId, out var list))
                {
                    dependents[e.DependencyId] = list = [];
                }

                list.Add(e.DependentId);
            }
        }

        var queue = new Queue<long>();
        queue.Enqueue(graph.Root.Id);
        reached.Add(graph.Root.Id);
        while (queue.TryDequeue(out var id))
        {
            if (!dependents.TryGetValue(id, out var list))
            {
                continue;
            }

            foreach (var d in list)
            {
                if (reached.Add(d))
                {
                    queue.Enqueue(d);
                }
            }
        }

        return reached;
    }
}
