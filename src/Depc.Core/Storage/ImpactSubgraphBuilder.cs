using System.Runtime.InteropServices;

namespace Depc.Core.Storage;

/// <summary>
/// Collects an <see cref="ImpactSubgraph"/> as a store walks it: nodes by store id (each added once), then edges
/// between added nodes with their periods, all in growing arrays.
/// </summary>
public sealed class ImpactSubgraphBuilder
{
    private readonly Dictionary<long, int> _indexById = [];
    private long[] _ids = new long[16];
    private string[] _labels = new string[16];
    private string[] _names = new string[16];
    private long[] _from = new long[16];
    private long[] _to = new long[16];
    private int[] _dependents = new int[16];
    private int[] _dependencies = new int[16];
    private int[] _periodStarts = new int[17];
    private long[] _periods = new long[16];
    private int _edgeCount;
    private int _periodCount;

    /// <param name="root">The failing node: index 0.</param>
    public ImpactSubgraphBuilder(GraphNode root) => Add(root.Id, root.Label, root.Name, root.From, root.To);

    public int NodeCount { get; private set; }

    /// <summary>The index of the node with store id <paramref name="id"/>, when it was added.</summary>
    public bool TryGetIndex(long id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>Adds a node (or finds it, when its id was added before) and returns its index.</summary>
    public int Add(long id, string label, string name, long? from, long? to)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_indexById, id, out var known);
        if (known)
        {
            return index;
        }

        var at = NodeCount++;
        if (at == _ids.Length)
        {
            var size = at * 2;
            Grow(ref _ids, size);
            Grow(ref _labels, size);
            Grow(ref _names, size);
            Grow(ref _from, size);
            Grow(ref _to, size);
        }

        (_ids[at], _labels[at], _names[at]) = (id, label, name);
        (_from[at], _to[at]) = (from ?? ImpactSubgraph.NoBound, to ?? ImpactSubgraph.NoBound);
        index = at;
        return at;
    }

    /// <summary>Adds the relationship <paramref name="dependent"/> → <paramref name="dependency"/> (node indexes).</summary>
    public void AddEdge(int dependent, int dependency, ReadOnlySpan<long> periods)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)dependent, (uint)NodeCount, nameof(dependent));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)dependency, (uint)NodeCount, nameof(dependency));
        var at = _edgeCount++;
        if (at == _dependents.Length)
        {
            Grow(ref _dependents, at * 2);
            Grow(ref _dependencies, at * 2);
            Grow(ref _periodStarts, (at * 2) + 1);
        }

        if (_periodCount + periods.Length > _periods.Length)
        {
            Grow(ref _periods, Math.Max(_periods.Length * 2, _periodCount + periods.Length));
        }

        (_dependents[at], _dependencies[at]) = (dependent, dependency);
        periods.CopyTo(_periods.AsSpan(_periodCount));
        _periodCount += periods.Length;
        _periodStarts[at + 1] = _periodCount;
    }

    public ImpactSubgraph Build() => new(
        NodeCount, _ids, _labels, _names, _from, _to, _edgeCount, _dependents, _dependencies, _periodStarts, _periods);

    // Only the filled prefix is ever read, so the rest need not be zeroed (a million-node subgraph grows each array
    // about twenty times).
    private static void Grow<T>(ref T[] array, int size)
    {
        var grown = GC.AllocateUninitializedArray<T>(size);
        array.AsSpan().CopyTo(grown);
        array = grown;
    }

    internal static ImpactSubgraph From(GraphNode root, IEnumerable<GraphNode> nodes, IEnumerable<DependencyEdge> edges)
    {
        var builder = new ImpactSubgraphBuilder(root);
        foreach (var n in nodes)
        {
            builder.Add(n.Id, n.Label, n.Name, n.From, n.To);
        }

        foreach (var e in edges)
        {
            if (!builder.TryGetIndex(e.DependentId, out var dependent) || !builder.TryGetIndex(e.DependencyId, out var dependency))
            {
                throw new ArgumentException($"edge {e.DependentId} -> {e.DependencyId} names a node that is not in the subgraph", nameof(edges));
            }

            builder.AddEdge(dependent, dependency, e.Periods);
        }

        return builder.Build();
    }
}
