using System.Buffers.Text;
using System.Globalization;

namespace Depc.Sqlite.Writing;

/// <summary>Periods are stored as a JSON list of integers (<c>[1,2,3]</c>): readable with any SQLite tool.</summary>
internal static class PeriodsCodec
{
    /// <summary>
    /// Writes <c>[1,2,3]</c> as UTF-8 into <paramref name="buffer"/> (replaced by a larger one when too small) and
    /// returns the text: one row per changed relationship, so no string and no UTF-8 copy of it per row. The text is
    /// valid until the next call.
    /// </summary>
    public static ReadOnlySpan<byte> EncodeUtf8(ReadOnlySpan<long> periods, ref byte[] buffer)
    {
        // 20 digits and a comma per period, and the brackets: never short.
        var most = 2 + (periods.Length * 21);
        if (buffer.Length < most)
        {
            buffer = new byte[Math.Max(most, buffer.Length * 2)];
        }

        var span = buffer.AsSpan();
        span[0] = (byte)'[';
        var at = 1;
        for (var i = 0; i < periods.Length; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            periods[i].TryFormat(span[at..], out var written, provider: CultureInfo.InvariantCulture);
            at += written;
        }

        span[at++] = (byte)']';
        return span[..at];
    }

    /// <summary>
    /// Reads <c>[1,2,3]</c> from its UTF-8 text into <paramref name="buffer"/> (replaced by a larger one when too small)
    /// and returns how many values it holds: a subgraph walk reads a million lists without a string or array for each.
    /// </summary>
    public static int DecodeUtf8(ReadOnlySpan<byte> text, ref long[] buffer)
    {
        var count = 0;
        var at = 0;
        while (at < text.Length)
        {
            var b = text[at];
            if (b is (byte)'[' or (byte)']' or (byte)',' or (byte)' ')
            {
                at++;
                continue;
            }

            if (!Utf8Parser.TryParse(text[at..], out long value, out var consumed))
            {
                throw new FormatException($"a periods list is not a JSON list of integers: {System.Text.Encoding.UTF8.GetString(text)}");
            }

            if (count == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer[count++] = value;
            at += consumed;
        }

        return count;
    }

    public static long[] Decode(string text)
    {
        var inner = text.AsSpan().Trim().Trim("[]").Trim();
        if (inner.IsEmpty)
        {
            return [];
        }

        var result = new List<long>();
        foreach (var range in inner.Split(','))
        {
            result.Add(long.Parse(inner[range].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        return [.. result];
    }
}
