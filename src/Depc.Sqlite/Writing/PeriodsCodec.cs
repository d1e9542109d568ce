using System.Globalization;
using System.Text;

namespace Depc.Sqlite.Writing;

/// <summary>Periods are stored as a JSON list of integers (<c>[1,2,3]</c>): readable with any SQLite tool.</summary>
internal static class PeriodsCodec
{
    public static string Encode(ReadOnlySpan<long> periods)
    {
        var sb = new StringBuilder(2 + (periods.Length * 11));
        sb.Append('[');
        for (var i = 0; i < periods.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(periods[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(']').ToString();
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
