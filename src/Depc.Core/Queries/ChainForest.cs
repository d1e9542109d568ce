using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// For every node of an <see cref="ImpactSubgraph"/>, the next hop of its witness chain to the root (SPEC §7.8): the
/// shortest chain of <c>DEPENDS_ON</c>, and among chains of that length the one whose <c>(label, name)</c> sequence
/// from the node is least, ordinally. One breadth-first walk from the root gives each node's distance; then each
/// node's next hop is its least neighbour one step closer. That choice is exact: the least sequence must start with
/// the least possible second node, and its rest is that node's own least chain. Linear in the subgraph.
/// </summary>
internal sealed class ChainForest
{
    private readonly ImpactSubgraph _graph;
    private readonly long _ts;
    private readonly int[] _next;
    private readonly int[] _nextEdge;

    // The elements of the nodes that chains pass through, made once: the chains of a million leaves share their racks'.
    private ChainNode?[]? _elements;

    private ChainForest(ImpactSubgraph graph, long ts, int[] next, int[] nextEdge) => (_graph, _ts, _next, _nextEdge) = (graph, ts, next, nextEdge);

    /// <summary>
    /// Chains through nodes and relationships active at <paramref name="ts"/> when <paramref name="activeOnly"/>;
    /// otherwise through any, preferring an active one of parallel relationships.
    /// </summary>
    public static ChainForest Build(ImpactSubgraph graph, long ts, bool activeOnly)
    {
        var n = graph.NodeCount;
        var allowed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            allowed[i] = !activeOnly || graph.NodeActiveAt(i, ts);
        }

        var edgeAllowed = new bool[graph.EdgeCount];
        var firstDependent = new int[n + 1];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            edgeAllowed[e] = allowed[graph.Dependent(e)] && allowed[graph.Dependency(e)] && (!activeOnly || graph.EdgeActiveAt(e, ts));
            if (edgeAllowed[e])
            {
                firstDependent[graph.Dependency(e) + 1]++;
            }
        }

        // Dependents of each node, as one array sliced by node (counting sort of the allowed edges).
        for (var i = 0; i < n; i++)
        {
            firstDependent[i + 1] += firstDependent[i];
        }

        var dependents = new int[firstDependent[n]];
        var fill = (int[])firstDependent.Clone();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (edgeAllowed[e])
            {
                dependents[fill[graph.Dependency(e)]++] = graph.Dependent(e);
            }
        }

        var distance = new int[n];
        Array.Fill(distance, -1);
        var next = new int[n];
        Array.Fill(next, -1);
        var nextEdge = new int[n];
        Array.Fill(nextEdge, -1);
        if (n == 0 || !allowed[0])
        {
            return new ChainForest(graph, ts, next, nextEdge);
        }

        var queue = new int[n];
        var (head, tail) = (0, 0);
        queue[tail++] = 0;
        distance[0] = 0;
        next[0] = 0;
        while (head < tail)
        {
            var node = queue[head++];
            for (var d = firstDependent[node]; d < firstDependent[node + 1]; d++)
            {
                var dependent = dependents[d];
                if (distance[dependent] < 0)
                {
                    distance[dependent] = distance[node] + 1;
                    queue[tail++] = dependent;
                }
            }
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var (from, to) = (graph.Dependent(e), graph.Dependency(e));
            if (!edgeAllowed[e] || from == 0 || distance[from] < 0 || distance[to] != distance[from] - 1)
            {
                continue;
            }

            var best = next[from];
            var better = best < 0
                || (best == to ? !activeOnly && !graph.EdgeActiveAt(nextEdge[from], ts) && graph.EdgeActiveAt(e, ts)
                : graph.CompareNodes(to, best) < 0);
            if (better)
            {
                (next[from], nextEdge[from]) = (to, e);
            }
        }

        return new ChainForest(graph, ts, next, nextEdge);
    }

    /// <summary>True when <paramref name="node"/> has a chain to the root (always, unless only active chains count).</summary>
    public bool Reaches(int node) => _next[node] >= 0;

    /// <summary>The chain's nodes from <paramref name="node"/> to the root, flagged inactive at the forest's moment when they are.</summary>
    public ChainNode[] Path(int node)
    {
        var length = 1;
        for (var at = node; at != 0; at = _next[at])
        {
            length++;
        }

        var elements = _elements ??= new ChainNode?[_graph.NodeCount];
        var path = new ChainNode[length];
        path[0] = Element(node);
        for (var (i, at) = (1, _next[node]); i < length; (i, at) = (i + 1, _next[at]))
        {
            path[i] = elements[at] ??= Element(at);
        }

        return path;
    }

    // The node listed is not kept: kept by the forest, each entry's element would outlive its answer.
    private ChainNode Element(int node) => new(_graph.Label(node), _graph.Name(node), !_graph.NodeActiveAt(node, _ts));

    /// <summary>The chain's relationships from <paramref name="node"/> to the root, with their periods and activity at the forest's moment.</summary>
    public List<ChainLink> Links(int node)
    {
        var links = new List<ChainLink>();
        for (var at = node; at != 0; at = _next[at])
        {
            var e = _nextEdge[at];
            links.Add(new ChainLink(_graph.Periods(e).ToArray(), !_graph.EdgeActiveAt(e, _ts)));
        }

        return links;
    }
}
