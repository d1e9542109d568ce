using Depc.Core.Activity;

namespace Depc.Core.Storage;

/// <summary>
/// Everything that depends on <see cref="Root"/>, directly or transitively: each reachable node once and each
/// relationship between them once, so its size is that of the subgraph, not of the paths. Held as arrays by dense
/// index (node 0 is the root) rather than an object per node and edge: a tree of a million nodes is a few arrays the
/// garbage collector hardly traces. Stores fill it through an <see cref="ImpactSubgraphBuilder"/>.
/// </summary>
public sealed class ImpactSubgraph
{
    /// <summary>A node bound that is absent (bounds are ≥ 0, so it cannot be a real one).</summary>
    internal const long NoBound = long.MinValue;

    private readonly long[] _ids;
    private readonly string[] _labels;
    private readonly string[] _names;
    private readonly long[] _from;
    private readonly long[] _to;
    private readonly int[] _dependents;
    private readonly int[] _dependencies;
    private readonly int[] _periodStarts;
    private readonly long[] _periods;
    private IReadOnlyList<GraphNode>? _nodes;
    private IReadOnlyList<DependencyEdge>? _edges;

    internal ImpactSubgraph(
        int nodeCount, long[] ids, string[] labels, string[] names, long[] from, long[] to,
        int edgeCount, int[] dependents, int[] dependencies, int[] periodStarts, long[] periods)
    {
        (NodeCount, _ids, _labels, _names, _from, _to) = (nodeCount, ids, labels, names, from, to);
        (EdgeCount, _dependents, _dependencies, _periodStarts, _periods) = (edgeCount, dependents, dependencies, periodStarts, periods);
        Root = NodeAt(0);
    }

    /// <summary>The subgraph of <paramref name="root"/> from node and edge records (<paramref name="nodes"/> may list the root too).</summary>
    public ImpactSubgraph(GraphNode root, IEnumerable<GraphNode> nodes, IEnumerable<DependencyEdge> edges)
        : this(ImpactSubgraphBuilder.From(root, nodes, edges))
    {
    }

    private ImpactSubgraph(ImpactSubgraph built)
        : this(built.NodeCount, built._ids, built._labels, built._names, built._from, built._to,
            built.EdgeCount, built._dependents, built._dependencies, built._periodStarts, built._periods)
    {
    }

    public GraphNode Root { get; }

    /// <summary>Nodes, the root included (index 0).</summary>
    public int NodeCount { get; }

    public int EdgeCount { get; }

    /// <summary>Every node that depends on the root, the root left out (made on first use: tests and tools).</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes ??= [.. Enumerable.Range(1, NodeCount - 1).Select(NodeAt)];

    /// <summary>Every relationship of the subgraph (made on first use: tests and tools).</summary>
    public IReadOnlyList<DependencyEdge> Edges => _edges ??=
        [.. Enumerable.Range(0, EdgeCount).Select(e => new DependencyEdge(_ids[_dependents[e]], _ids[_dependencies[e]], Periods(e).ToArray()))];

    internal string Label(int node) => _labels[node];

    internal string Name(int node) => _names[node];

    internal long? From(int node) => _from[node] == NoBound ? null : _from[node];

    internal long? To(int node) => _to[node] == NoBound ? null : _to[node];

    internal bool NodeActiveAt(int node, long t) =>
        (_from[node] == NoBound || _from[node] <= t) && (_to[node] == NoBound || t <= _to[node]);

    /// <summary>The node that depends, of edge <paramref name="edge"/>.</summary>
    internal int Dependent(int edge) => _dependents[edge];

    /// <summary>The node depended on, of edge <paramref name="edge"/>.</summary>
    internal int Dependency(int edge) => _dependencies[edge];

    internal ReadOnlySpan<long> Periods(int edge) => _periods.AsSpan(_periodStarts[edge], _periodStarts[edge + 1] - _periodStarts[edge]);

    internal bool EdgeActiveAt(int edge, long t) => ActivityRules.RelationshipActiveAt(Periods(edge), t);

    internal GraphNode NodeAt(int node) => new(_ids[node], _labels[node], _names[node], From(node), To(node));

    /// <summary>The index of the node (label, name), or -1 when it is not in the subgraph.</summary>
    internal int IndexOf(string label, string name)
    {
        for (var i = 0; i < NodeCount; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal) && string.Equals(_labels[i], label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Orders nodes by (label, name), ordinally: how chains of the same length are told apart.</summary>
    internal int CompareNodes(int a, int b)
    {
        var byLabel = string.CompareOrdinal(_labels[a], _labels[b]);
        return byLabel != 0 ? byLabel : string.CompareOrdinal(_names[a], _names[b]);
    }
}
