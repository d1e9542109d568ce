using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Depc.Core.Storage;

/// <summary>
/// Collects an <see cref="ImpactSubgraph"/> as a store walks it: nodes by store id (each added once), then edges
/// between added nodes with their periods, all in growing arrays. Once built, it takes nothing more.
/// </summary>
public sealed class ImpactSubgraphBuilder
{
    /// <summary>Arrays up to this length grow through the shared pool (see <see cref="Grow"/>).</summary>
    private const int PooledLength = 1 << 16;

    /// <summary>Index maps up to this many entries are kept for the thread's next builder.</summary>
    private const int KeptIndexEntries = 4_096;

    // The id-to-index map never leaves the builder: the thread's next one reuses it (rehashing while it grew cost a
    // small query as much as its subgraph's arrays).
    [ThreadStatic]
    private static Dictionary<long, int>? t_spareIndex;

    private readonly Dictionary<long, int> _indexById = TakeSpareIndex();
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
    private bool _built;

    /// <param name="root">The failing node: index 0.</param>
    public ImpactSubgraphBuilder(GraphNode root) => Add(root.Id, root.Label, root.Name, root.From, root.To);

    public int NodeCount { get; private set; }

    /// <summary>The index of the node with store id <paramref name="id"/>, when it was added.</summary>
    public bool TryGetIndex(long id, out int index)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        return _indexById.TryGetValue(id, out index);
    }

    /// <summary>Adds a node (or finds it, when its id was added before) and returns its index.</summary>
    public int Add(long id, string label, string name, long? from, long? to)
    {
        ObjectDisposedException.ThrowIf(_built, this);
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
        ObjectDisposedException.ThrowIf(_built, this);
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

    public ImpactSubgraph Build()
    {
        // The subgraph owns the arrays from here: a later growth would give them back to the pool.
        _built = true;
        if (_indexById.Count <= KeptIndexEntries)
        {
            _indexById.Clear();
            t_spareIndex = _indexById;
        }

        return new(NodeCount, _ids, _labels, _names, _from, _to, _edgeCount, _dependents, _dependencies, _periodStarts, _periods);
    }

    private static Dictionary<long, int> TakeSpareIndex()
    {
        var spare = t_spareIndex ?? [];
        t_spareIndex = null;
        return spare;
    }

    // Only the filled prefix is ever read, so the rest need not be zeroed (a million-node subgraph grows each array
    // about twenty times). Small steps borrow from the shared pool and give the outgrown array back: an HTTP impacted
    // query of 400 nodes left as many bytes in outgrown arrays as in its subgraph, and under load paid for them in
    // collections. Large ones are not parked in the pool.
    private static void Grow<T>(ref T[] array, int size)
    {
        var grown = size <= PooledLength ? ArrayPool<T>.Shared.Rent(size) : GC.AllocateUninitializedArray<T>(size);
        array.AsSpan().CopyTo(grown);
        if (array.Length is >= 16 and <= PooledLength && BitOperations.IsPow2(array.Length))
        {
            ArrayPool<T>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }

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
