using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// Which nodes of a label a failure impacts, which of them through a wholly active path, and why (their witness
/// chains). Breadth-first walks over the reverse-reachable subgraph (<see cref="ChainForest"/>), so the cost grows
/// with its size (nodes + edges), never with the number of paths.
/// </summary>
public static class ImpactAnalysis
{
    /// <summary>The impacted nodes of <paramref name="impactedLabel"/> at <paramref name="ts"/>, to count or list.</summary>
    public static ImpactedNodes Analyze(ImpactSubgraph graph, string impactedLabel, long ts)
    {
        var active = ChainForest.Build(graph, ts, activeOnly: true);
        var nodes = new List<int>();
        for (var i = 1; i < graph.NodeCount; i++)
        {
            if (string.Equals(graph.Label(i), impactedLabel, StringComparison.Ordinal))
            {
                nodes.Add(i);
            }
        }

        return new ImpactedNodes(graph, ts, active, [.. nodes]);
    }

    /// <returns>Every impacted node of <paramref name="impactedLabel"/>, sorted by name; with its chain when <paramref name="withPaths"/>.</returns>
    public static IReadOnlyList<ImpactedNode> Compute(ImpactSubgraph graph, string impactedLabel, long ts, bool withPaths = false) =>
        [.. Analyze(graph, impactedLabel, ts).Select(includeInactive: true, activeFirst: false, withPaths)];

    /// <summary>The witness chain of the impacted node (label, name), or null when it is not in the subgraph (not impacted).</summary>
    public static WhyAnswer? Why(ImpactSubgraph graph, string impactedLabel, string impactedName, long ts)
    {
        var node = graph.IndexOf(impactedLabel, impactedName);
        if (node <= 0)
        {
            return null;
        }

        var active = ChainForest.Build(graph, ts, activeOnly: true);
        var forest = active.Reaches(node) ? active : ChainForest.Build(graph, ts, activeOnly: false);
        return forest.Reaches(node) ? new WhyAnswer(active.Reaches(node), forest.Path(node), forest.Links(node)) : null;
    }
}
