using CsCheck;
using Depc.Core.Queries;

namespace Depc.Core.Tests.Queries;

public sealed class OrdinalOrderTests
{
    // Units around every edge of the keys: '\0' (the same byte as an absent unit), the last unit a key keeps (0xFE),
    // the first it cannot (0xFF) and beyond, lone surrogates and the last unit.
    private const string Units = "\0\u0001ab\u007F\u00FE\u00FF\u0100\u0101\uD800\uDC00\uFFFF";

    // Names with long shared prefixes, many tied keys and runs longer than the ones compared whole.
    private static readonly Gen<string> Name =
        Gen.Select(Gen.Int[0, 80], Gen.Char[Units].Array[0, 20], (prefix, rest) => new string('p', prefix) + new string(rest));

    private static readonly Gen<string> ShortName = Gen.Char["\0ab\u00FF\u0100"].Array[0, 10].Select(chars => new string(chars));

    [Fact]
    public void Orders_names_as_an_ordinal_sort_does()
    {
        Gen.OneOf(Name, ShortName).Array[0, 400].Sample(names => Assert.Equal(Ordinal(names), Reordered(names)));
    }

    [Fact]
    public void Orders_a_large_list_of_similar_names_as_an_ordinal_sort_does()
    {
        // As the tree benchmark names its leaves: a key of eight units ties for many of them.
        var random = new Random(7);
        var names = Enumerable.Range(0, 20_000)
            .Select(_ => $"l{random.Next(100)}-{random.Next(100)}-{random.Next(100)}{(random.Next(5) == 0 ? "\u00E9\u0301x" : "")}")
            .ToArray();

        Assert.Equal(Ordinal(names), Reordered(names));
    }

    [Fact]
    public void Gives_every_position_once()
    {
        Gen.OneOf(Name, ShortName).Array[0, 200].Sample(names =>
            Assert.Equal(Enumerable.Range(0, names.Length), OrdinalOrder.Of(names).Order()));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(9_000)]
    public void Sorts_items_by_their_names_whether_compared_or_keyed(int count)
    {
        var random = new Random(count);
        var names = Enumerable.Range(0, count).Select(i => $"n{random.Next(1_000)}-{i}").ToArray();
        var items = Enumerable.Range(0, count).Select(i => i * 3).ToArray();
        var expected = items.OrderBy(item => names[item / 3], StringComparer.Ordinal).ToArray();

        OrdinalOrder.Sort(names, items);

        Assert.Equal(expected, items);
    }

    [Theory]
    [InlineData("ab", "ab\0")]
    [InlineData("\u0100a", "\u0200 ")]
    [InlineData("\u00FFa", "\u00FFb")]
    [InlineData("abcdefgh", "abcdefgh\0")]
    public void Orders_names_the_keys_cannot_tell_apart(string smaller, string larger)
    {
        // Enough copies to be sorted by key, not compared whole.
        var names = Enumerable.Repeat(larger, 20).Concat(Enumerable.Repeat(smaller, 20)).ToArray();

        Assert.Equal([.. Enumerable.Repeat(smaller, 20), .. Enumerable.Repeat(larger, 20)], Reordered(names));
    }

    private static string[] Reordered(string[] names) => [.. OrdinalOrder.Of(names).Select(i => names[i])];

    private static string[] Ordinal(string[] names)
    {
        var sorted = (string[])names.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
