using System.Collections.Concurrent;
using System.Text;

namespace Depc.Core.Messages;

/// <summary>
/// Labels are few and repeat in every message: hand out one string per label instead of
/// allocating one per message. Bounded, so hostile input cannot grow it without limit.
/// </summary>
internal sealed class LabelCache
{
    private const int MaxEntries = 4096;
    private const int MaxCachedLength = 64;

    private readonly ConcurrentDictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelCache() => _lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="ascii">A label that already passed validation, so it is ASCII.</param>
    public string Get(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxCachedLength)
        {
            return Encoding.Latin1.GetString(ascii);
        }

        Span<char> chars = stackalloc char[ascii.Length];
        Encoding.Latin1.GetChars(ascii, chars);
        if (_lookup.TryGetValue(chars, out var label))
        {
            return label;
        }

        label = new string(chars);
        return _labels.Count < MaxEntries ? _labels.GetOrAdd(label, label) : label;
    }
}
