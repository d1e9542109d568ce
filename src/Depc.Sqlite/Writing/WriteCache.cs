using Depc.Core.Periods;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Nodes (id and bounds) and relationship states this process has written or read, so a batch does not read
/// them back per message. Valid only while the database's write generation is the one this
/// process last wrote: any other writer (another process) makes it start afresh.
/// Bounded by bytes, not entries (issue 12: a team sending 1 MiB node names must not make it keep them all): what it
/// holds is counted as it is added, and <see cref="Trim"/> after each commit brings it back under the budget.
/// </summary>
internal sealed class WriteCache
{
    // What an entry costs beyond its name: the dictionary entry (hash, next, key, value), its bucket, and the room a
    // dictionary keeps to grow.
    private const int NodeEntryBytes = 64;
    private const int RelationshipEntryBytes = 64;
    private const int LongPeriodsEntryBytes = 64;

    private readonly long _maxBytes;

    /// <summary>
    /// Keys of relationships dropped from <see cref="Relationships"/> while it held all of them, so a graph several
    /// times the cache still needs no read per new relationship (1M-message bench: 436k reads, 0.7 s, when a trim
    /// ended "holds all"). A quarter of the budget.
    /// </summary>
    private readonly EvictedRelationships _evicted;

    /// <summary>
    /// Nodes by name, one dictionary per team and label: a batch looks its label up once, then hashes one
    /// string per node instead of three.
    /// </summary>
    private readonly Dictionary<(string Team, string Label), Dictionary<string, CachedNode>> _nodes = [];

    private long _nodeBytes;
    private long _longPeriodBytes;

    public WriteCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxBytes = maxBytes;
        _evicted = new EvictedRelationships(maxBytes / 4);
    }

    /// <summary>The budget <see cref="Trim"/> keeps the cache within.</summary>
    public long MaxBytes => _maxBytes;

    public long Generation { get; set; } = -1;

    public Dictionary<(long Source, long Target), CachedRelationship> Relationships { get; } = [];

    /// <summary>
    /// The periods of cached relationships with more than two (few), shared, not copied: the period table never
    /// changes an array it has handed out.
    /// </summary>
    public Dictionary<(long Source, long Target), long[]> LongPeriods { get; } = [];

    /// <summary>True while every relationship in the database is in <see cref="Relationships"/> or was evicted from it.</summary>
    public bool HoldsAllRelationships { get; set; }

    /// <summary>What the cache holds, as counted: names, entries, long period lists and the evicted keys.</summary>
    public long Bytes => _nodeBytes + (Relationships.Count * (long)RelationshipEntryBytes) + _longPeriodBytes + _evicted.Bytes;

    /// <summary>The state of a cached relationship.</summary>
    public RelationshipState StateOf((long, long) key, in CachedRelationship cached) =>
        cached.ToState(cached.IsLong ? LongPeriods[key] : null);

    /// <summary>The cached form of a relationship's state, keeping a long period list aside.</summary>
    public CachedRelationship Keep((long, long) key, RelationshipState state)
    {
        var cached = CachedRelationship.Of(state);
        if (LongPeriods.Remove(key, out var previous))
        {
            _longPeriodBytes -= LongPeriodsBytes(previous);
        }

        if (cached.IsLong)
        {
            LongPeriods[key] = state.Periods;
            _longPeriodBytes += LongPeriodsBytes(state.Periods);
        }

        return cached;
    }

    /// <summary>The cached nodes of one team and label, by name; add to it through <see cref="AddNode"/>.</summary>
    public Dictionary<string, CachedNode> NodesOf(string team, string label)
    {
        if (!_nodes.TryGetValue((team, label), out var nodes))
        {
            _nodes.Add((team, label), nodes = new Dictionary<string, CachedNode>(StringComparer.Ordinal));
            _nodeBytes += NodeEntryBytes + StringBytes(team) + StringBytes(label);
        }

        return nodes;
    }

    /// <summary>Caches a node of <paramref name="nodes"/> (from <see cref="NodesOf"/>), counting its name.</summary>
    public void AddNode(Dictionary<string, CachedNode> nodes, string name, CachedNode node)
    {
        nodes.Add(name, node);
        _nodeBytes += NodeEntryBytes + StringBytes(name);
    }

    /// <summary>Puts a node of <paramref name="nodes"/> back as it was: <paramref name="before"/>, or absent when null.</summary>
    public void RestoreNode(Dictionary<string, CachedNode> nodes, string name, CachedNode? before)
    {
        if (before is { } node)
        {
            nodes[name] = node;
        }
        else if (nodes.Remove(name))
        {
            _nodeBytes -= NodeEntryBytes + StringBytes(name);
        }
    }

    /// <summary>True when the database has no relationship (source, target), known without reading it.</summary>
    public bool SurelyAbsent(long source, long target) =>
        HoldsAllRelationships && !_evicted.MayContain(source, target);

    public void Clear()
    {
        Generation = -1;
        HoldsAllRelationships = false;
        _nodes.Clear();
        _nodeBytes = 0;
        Relationships.Clear();
        LongPeriods.Clear();
        _longPeriodBytes = 0;
        _evicted.Clear();
    }

    /// <summary>
    /// Keeps memory within the budget: past it the relationship states start over (their keys kept while the evicted
    /// keys' quarter of the budget has room), and the nodes too once they are half of it. Nodes go last: a dropped node
    /// costs an upsert when it is seen again (1M-message bench: 210k node upserts instead of 70k).
    /// </summary>
    public void Trim()
    {
        if (Bytes <= _maxBytes)
        {
            return;
        }

        if (HoldsAllRelationships)
        {
            foreach (var (source, target) in Relationships.Keys)
            {
                if (!_evicted.TryAdd(source, target))
                {
                    HoldsAllRelationships = false;
                    _evicted.Clear();
                    break;
                }
            }
        }

        // The dictionary keeps its arrays for the next round (allocated again, they would go to the LOH each time).
        Relationships.Clear();
        LongPeriods.Clear();
        _longPeriodBytes = 0;
        if (_nodeBytes > _maxBytes / 2)
        {
            _nodes.Clear();
            _nodeBytes = 0;
        }
    }

    // A .NET string: header, length and two bytes a character.
    private static long StringBytes(string s) => 24 + (2L * s.Length);

    private static long LongPeriodsBytes(long[] periods) => LongPeriodsEntryBytes + 24 + (8L * periods.Length);
}
