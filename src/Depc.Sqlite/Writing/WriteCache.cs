using Depc.Core.Periods;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Nodes (id and bounds) and relationship states this process has written or read, so a batch does not read
/// them back per message. Valid only while the database's write generation is the one this
/// process last wrote: any other writer (another process) makes it start afresh.
/// </summary>
internal sealed class WriteCache(int maxEntries)
{
    /// <summary>
    /// Keys of relationships dropped from <see cref="Relationships"/> while it held all of them, so a graph several
    /// times the cache still needs no read per new relationship (1M-message bench: 436k reads, 0.7 s, when a trim
    /// ended "holds all"). Made at the first trim, with room for four times the cache.
    /// </summary>
    private RelationshipKeyFilter? _evicted;

    /// <summary>
    /// Nodes by name, one dictionary per team and label: a batch looks its label up once, then hashes one
    /// string per node instead of three.
    /// </summary>
    private readonly Dictionary<(string Team, string Label), Dictionary<string, CachedNode>> _nodes = [];

    public long Generation { get; set; } = -1;

    public Dictionary<(long Source, long Target), CachedRelationship> Relationships { get; } = [];

    /// <summary>
    /// The periods of cached relationships with more than two (few), shared, not copied: the period table never
    /// changes an array it has handed out.
    /// </summary>
    public Dictionary<(long Source, long Target), long[]> LongPeriods { get; } = [];

    /// <summary>The state of a cached relationship.</summary>
    public RelationshipState StateOf((long, long) key, in CachedRelationship cached) =>
        cached.ToState(cached.IsLong ? LongPeriods[key] : null);

    /// <summary>The cached form of a relationship's state, keeping a long period list aside.</summary>
    public CachedRelationship Keep((long, long) key, RelationshipState state)
    {
        var cached = CachedRelationship.Of(state);
        if (cached.IsLong)
        {
            LongPeriods[key] = state.Periods;
        }
        else
        {
            LongPeriods.Remove(key);
        }

        return cached;
    }

    /// <summary>True while every relationship in the database is in <see cref="Relationships"/> or was evicted from it.</summary>
    public bool HoldsAllRelationships { get; set; }

    public int NodeCount => _nodes.Values.Sum(n => n.Count);

    /// <summary>The cached nodes of one team and label, by name.</summary>
    public Dictionary<string, CachedNode> NodesOf(string team, string label)
    {
        if (!_nodes.TryGetValue((team, label), out var nodes))
        {
            _nodes.Add((team, label), nodes = new Dictionary<string, CachedNode>(StringComparer.Ordinal));
        }

        return nodes;
    }

    /// <summary>True when the database has no relationship (source, target), known without reading it.</summary>
    public bool SurelyAbsent(long source, long target) =>
        HoldsAllRelationships && _evicted?.MayContain(source, target) != true;

    public void Clear()
    {
        Generation = -1;
        HoldsAllRelationships = false;
        _nodes.Clear();
        Relationships.Clear();
        LongPeriods.Clear();
        _evicted?.Clear();
    }

    /// <summary>
    /// Keeps memory bounded on huge graphs: past the limit the relationship states start over (their keys kept
    /// while that stays small), and the nodes too once they are half of it. Nodes go last: a dropped node
    /// costs an upsert when it is seen again (1M-message bench: 210k node upserts instead of 70k).
    /// </summary>
    public void Trim()
    {
        var nodeCount = NodeCount;
        if (nodeCount + Relationships.Count <= maxEntries)
        {
            return;
        }

        _evicted ??= new RelationshipKeyFilter((int)Math.Min(4L * maxEntries, int.MaxValue));
        if (HoldsAllRelationships && (long)_evicted.Count + Relationships.Count <= _evicted.Capacity)
        {
            foreach (var (source, target) in Relationships.Keys)
            {
                _evicted.Add(source, target);
            }
        }
        else
        {
            HoldsAllRelationships = false;
            _evicted.Clear();
        }

        Relationships.Clear();
        LongPeriods.Clear();
        if (nodeCount > maxEntries / 2)
        {
            _nodes.Clear();
        }
    }
}
