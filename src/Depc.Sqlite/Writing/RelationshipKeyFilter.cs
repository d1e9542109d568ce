using System.Numerics;

namespace Depc.Sqlite.Writing;

/// <summary>
/// A Bloom filter of relationship keys (source id, target id), one 64-bit word per key: it may answer "maybe" for
/// a key never added (then the writer reads the row), never "no" for one that was. About 1.3 B per key against
/// ~28 B in a hash set (1M-message bench: the set held ~440k keys, ~15 MB with its growth garbage on the LOH).
/// Its size is fixed when made, so it never grows: past its capacity it is full and must be cleared.
/// </summary>
internal sealed class RelationshipKeyFilter
{
    // 10.7 bits per key and 6 bits set in one word: ~1-2% false "maybe" at capacity, each costing one row read.
    private const int BitsPerKey = 11;
    private const int BitsPerProbe = 6;

    private readonly ulong[] _words;

    public RelationshipKeyFilter(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _words = new ulong[Math.Max(1, (int)((long)capacity * BitsPerKey / 64))];
    }

    /// <summary>How many keys it takes before "maybe" gets too frequent.</summary>
    public int Capacity { get; }

    /// <summary>The memory it holds.</summary>
    public long Bytes => _words.Length * sizeof(ulong);

    /// <summary>Keys added since it was made or cleared (a key added twice counts twice).</summary>
    public int Count { get; private set; }

    public bool IsFull => Count >= Capacity;

    public void Add(long source, long target)
    {
        var hash = Hash(source, target);
        _words[Word(hash)] |= Mask(hash);
        Count++;
    }

    /// <summary>False only when the key was surely never added.</summary>
    public bool MayContain(long source, long target)
    {
        var hash = Hash(source, target);
        var mask = Mask(hash);
        return (_words[Word(hash)] & mask) == mask;
    }

    public void Clear()
    {
        Array.Clear(_words);
        Count = 0;
    }

    private int Word(ulong hash) => (int)((hash >> 32) * (ulong)_words.Length >> 32);

    /// <summary>Six bit positions from six 6-bit slices of the low half of the hash (the word comes from the high half).</summary>
    private static ulong Mask(ulong hash)
    {
        var mask = 0UL;
        for (var i = 0; i < BitsPerProbe; i++)
        {
            mask |= 1UL << (int)((hash >> (i * 6)) & 63);
        }

        return mask;
    }

    /// <summary>splitmix64's finaliser over both ids: node ids are small consecutive integers, so they must be mixed.</summary>
    private static ulong Hash(long source, long target)
    {
        var x = ((ulong)source * 0x9E3779B97F4A7C15UL) ^ BitOperations.RotateLeft((ulong)target, 32);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
