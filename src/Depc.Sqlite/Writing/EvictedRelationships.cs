namespace Depc.Sqlite.Writing;

/// <summary>
/// Keys of relationship states dropped from the write cache, in Bloom filters made as they fill, each twice the size
/// of the one before, up to a byte budget: a key takes ~1.4 B (the bench's 10M messages: 6.6M keys in ~10 MB), so on a
/// graph many times the cache a new relationship is still known to be new without reading the store.
/// </summary>
internal sealed class EvictedRelationships(long maxBytes)
{
    // The filters double from a sixteenth of the budget: four of them fill it.
    private readonly int _firstCapacity = (int)Math.Clamp(maxBytes / 16 * 8 / 11, 64, 1 << 30);
    private readonly List<RelationshipKeyFilter> _filters = [];

    public long Bytes { get; private set; }

    /// <summary>Adds a key; false when the budget has no room for it (the set then no longer holds every key added).</summary>
    public bool TryAdd(long source, long target)
    {
        if (_filters.Count == 0 || _filters[^1].IsFull)
        {
            var capacity = _filters.Count == 0 ? _firstCapacity : (int)Math.Min(2L * _filters[^1].Capacity, 1 << 30);
            var filter = new RelationshipKeyFilter(capacity);
            if (Bytes + filter.Bytes > maxBytes)
            {
                return false;
            }

            _filters.Add(filter);
            Bytes += filter.Bytes;
        }

        _filters[^1].Add(source, target);
        return true;
    }

    /// <summary>False only when the key was surely never added.</summary>
    public bool MayContain(long source, long target)
    {
        foreach (var filter in _filters)
        {
            if (filter.MayContain(source, target))
            {
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        _filters.Clear();
        Bytes = 0;
    }
}
