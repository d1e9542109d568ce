using System.Collections.Concurrent;
using System.Text;

namespace Depc.Core.Messages;

/// <summary>
/// Labels are few and repeat in every message: hand out one string per label instead of
/// allocating one per message. The labels seen first are kept in a small array compared byte by
/// byte (cheaper than hashing); the rest go through a bounded dictionary, so hostile input
/// cannot grow either without limit.
/// </summary>
internal sealed class LabelCache
{
    private const int MaxRecent = 16;
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    // Replaced, never mutated, so readers on other threads always see a complete array.
    private volatile (byte[] Utf8, string Label)[] _recent = [];

    public LabelCache() => _lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="ascii">A label that already passed validation, so it is ASCII.</param>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        foreach (var (utf8, label) in _recent)
        {
            if (ascii.SequenceEqual(utf8))
            {
                return label;
            }
        }

        return Lookup(ascii);
    }

    private string Lookup(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > 64)
        {
            return Encoding.Latin1.GetString(ascii);
        }

        Span<char> chars = stackalloc char[ascii.Length];
        Encoding.Latin1.GetChars(ascii, chars);
        if (!_lookup.TryGetValue(chars, out var label))
        {
            label = new string(chars);
            if (_labels.Count >= MaxEntries)
            {
                return label;
            }

            label = _labels.GetOrAdd(label, label);
        }

        var recent = _recent;
        if (recent.Length < MaxRecent)
        {
            _recent = [.. recent, (ascii.ToArray(), label)];
        }

        return label;
    }
}
