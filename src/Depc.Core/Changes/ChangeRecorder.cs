using Depc.Core.Periods;

namespace Depc.Core.Changes;

/// <summary>
/// Collects the change-index entries of one store write, each a moment and the element (<typeparamref name="T"/>, as
/// the store names nodes and relationships) whose activity may change then: every boundary a relationship gained and
/// every bound written to a node. Then hands them out by bucket, sorted by time. Reused from write to write.
/// </summary>
public sealed class ChangeRecorder<T>
    where T : struct
{
    private readonly List<(long Ts, T Element)> _entries = [];
    private (long Ts, T Element)[] _sorted = [];

    public int Count => _entries.Count;

    public void Clear() => _entries.Clear();

    /// <summary>Records the boundaries <paramref name="after"/> has and <paramref name="before"/> (null: no relationship) had not.</summary>
    public void Relationship(T element, RelationshipState? before, RelationshipState after)
    {
        foreach (var ts in ChangeBuckets.Appended(before, after))
        {
            _entries.Add((ts, element));
        }
    }

    /// <summary>Records the bounds written to a node (null: left unchanged).</summary>
    public void Node(T element, long? from, long? to)
    {
        if (from is { } f)
        {
            _entries.Add((f, element));
        }

        if (to is { } t && t != from)
        {
            _entries.Add((t, element));
        }
    }

    /// <summary>
    /// The entries by bucket, in bucket order, each bucket's entries sorted by time; the segments are valid until the
    /// next call (their array is reused from write to write).
    /// </summary>
    public IEnumerable<(long Bucket, ArraySegment<(long Ts, T Element)> Entries)> Buckets()
    {
        var count = _entries.Count;
        if (_sorted.Length < count)
        {
            _sorted = new (long, T)[Math.Max(count, _sorted.Length * 2)];
        }

        _entries.CopyTo(_sorted);
        var all = _sorted;
        Array.Sort(all, 0, count, TimeOrder.Instance);
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i == count || ChangeBuckets.Of(all[i].Ts) != ChangeBuckets.Of(all[start].Ts))
            {
                yield return (ChangeBuckets.Of(all[start].Ts), new ArraySegment<(long, T)>(all, start, i - start));
                start = i;
            }
        }
    }

    private sealed class TimeOrder : IComparer<(long Ts, T Element)>
    {
        public static readonly TimeOrder Instance = new();

        public int Compare((long Ts, T Element) x, (long Ts, T Element) y) => x.Ts.CompareTo(y.Ts);
    }
}
