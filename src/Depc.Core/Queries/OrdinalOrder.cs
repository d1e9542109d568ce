using System.Runtime.CompilerServices;

namespace Depc.Core.Queries;

/// <summary>
/// The order of names as <see cref="string.CompareOrdinal(string, string)"/> sorts them, found mostly by sorting
/// 64-bit keys instead of comparing strings: an impacted list of a million names spent ~140 ms in string comparisons,
/// their shared prefixes compared again at every step. A key packs eight UTF-16 code units from an offset, a byte
/// each (see <see cref="Key"/>), so a smaller key always means an ordinally smaller name. Names whose keys tie are
/// ordered by the next eight units, or by comparing them whole: when few are left, when one holds a unit the key
/// could not keep, or past the first <see cref="KeyedUnits"/> units.
/// </summary>
internal static class OrdinalOrder
{
    private const int UnitsPerKey = 8;

    /// <summary>Lists at least this long are sorted by keys; shorter ones compared.</summary>
    private const int KeyedList = 4_096;

    /// <summary>Runs of keys at least this long are radix-sorted; shorter ones compared.</summary>
    private const int RadixSorted = 256;

    /// <summary>Runs of tied keys at most this long are ordered by comparing their names.</summary>
    private const int ComparedRun = 16;

    /// <summary>Past this many leading units, tied names are compared whole: keys bring nothing on such prefixes.</summary>
    private const int KeyedUnits = 64;

    /// <summary>
    /// Sorts <paramref name="items"/> by their names (<c>names[i]</c> is <c>items[i]</c>'s), ordinally;
    /// <paramref name="names"/> is left in any order.
    /// </summary>
    public static void Sort(string[] names, int[] items)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(items);
        if (names.Length < KeyedList)
        {
            // An HTTP answer's few hundred names cost less compared than keyed (the keys' buffers are allocations).
            Array.Sort(names, items, StringComparer.Ordinal);
            return;
        }

        var order = Of(names);
        var unsorted = (int[])items.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            items[i] = unsorted[order[i]];
        }
    }

    /// <summary>The positions of <paramref name="names"/>, in the ordinal order of their names.</summary>
    public static int[] Of(string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var order = new int[names.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Sort(new Scratch(names), order, 0, names.Length, 0);
        return order;
    }

    // Orders order[start..start+length), whose names agree on their first `offset` units.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sort(Scratch scratch, int[] order, int start, int length, int offset)
    {
        if (length <= ComparedRun || offset >= KeyedUnits)
        {
            Array.Sort(order, start, length, scratch.ByName);
            return;
        }

        var keys = scratch.Keys;
        var end = start + length;
        for (var i = start; i < end; i++)
        {
            keys[i] = Key(scratch.Names[order[i]], offset);
        }

        if (length < RadixSorted)
        {
            Array.Sort(keys, order, start, length);
        }
        else
        {
            RadixSort(scratch, order, start, length);
        }

        var run = start;
        for (var i = start + 1; i <= end; i++)
        {
            if (i < end && keys[i] == keys[run])
            {
                continue;
            }

            if (i - run > 1)
            {
                SortTied(scratch, order, run, i - run, offset);
            }

            run = i;
        }
    }

    // Names whose keys at `offset` tie: equal on those units unless one was kept as 0xFF (then compared whole), or
    // unless one ended there (0 stands for both an absent unit and '\0': the comparison of whole names decides).
    private static void SortTied(Scratch scratch, int[] order, int start, int length, int offset)
    {
        var longer = false;
        for (var i = start; i < start + length; i++)
        {
            var name = scratch.Names[order[i]];
            if (HasUnitAboveKey(name, offset))
            {
                Array.Sort(order, start, length, scratch.ByName);
                return;
            }

            longer |= name.Length > offset + UnitsPerKey;
        }

        if (longer)
        {
            Sort(scratch, order, start, length, offset + UnitsPerKey);
        }
        else
        {
            Array.Sort(order, start, length, scratch.ByName);
        }
    }

    // Units below 0xFF as they are, absent ones as 0; a unit from 0xFF up as 0xFF and nothing after it, so that a
    // smaller key always means a smaller name (a unit after one the key could not keep would compare the wrong pair).
    private static ulong Key(string name, int offset)
    {
        ulong key = 0;
        var kept = true;
        for (var k = offset; k < offset + UnitsPerKey; k++)
        {
            var unit = kept && k < name.Length ? Math.Min(name[k], (char)0xFF) : 0u;
            kept &= unit < 0xFF;
            key = (key << 8) | unit;
        }

        return key;
    }

    private static bool HasUnitAboveKey(string name, int offset)
    {
        for (var k = offset; k < Math.Min(name.Length, offset + UnitsPerKey); k++)
        {
            if (name[k] >= 0xFF)
            {
                return true;
            }
        }

        return false;
    }

    // Least significant byte first, each pass a stable counting sort; a byte all keys share costs one count.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixSort(Scratch scratch, int[] order, int start, int length)
    {
        Span<int> slots = stackalloc int[256];
        var keys = scratch.Keys.AsSpan(start, length);
        var items = order.AsSpan(start, length);
        var spareKeys = scratch.SpareKeys.AsSpan(0, length);
        var spareItems = scratch.SpareItems.AsSpan(0, length);
        var inSpare = false;
        for (var shift = 0; shift < 64; shift += 8)
        {
            slots.Clear();
            foreach (var key in keys)
            {
                slots[(int)(key >> shift) & 0xFF]++;
            }

            if (slots[(int)(keys[0] >> shift) & 0xFF] == length)
            {
                continue;
            }

            var sum = 0;
            for (var b = 0; b < 256; b++)
            {
                var count = slots[b];
                slots[b] = sum;
                sum += count;
            }

            for (var i = 0; i < length; i++)
            {
                var at = slots[(int)(keys[i] >> shift) & 0xFF]++;
                spareKeys[at] = keys[i];
                spareItems[at] = items[i];
            }

            var passedKeys = keys;
            keys = spareKeys;
            spareKeys = passedKeys;
            var passedItems = items;
            items = spareItems;
            spareItems = passedItems;
            inSpare = !inSpare;
        }

        // Ending in the spare arrays, the sorted run goes back where it came from.
        if (inSpare)
        {
            keys.CopyTo(spareKeys);
            items.CopyTo(spareItems);
        }
    }

    /// <summary>What one sort works with: its names and their comparer, its keys, and the room radix passes move them into.</summary>
    private sealed class Scratch(string[] names)
    {
        public string[] Names { get; } = names;

        public IComparer<int> ByName { get; } = Comparer<int>.Create((x, y) => string.CompareOrdinal(names[x], names[y]));

        public ulong[] Keys { get; } = new ulong[names.Length];

        public ulong[] SpareKeys { get; } = new ulong[names.Length];

        public int[] SpareItems { get; } = new int[names.Length];
    }
}
