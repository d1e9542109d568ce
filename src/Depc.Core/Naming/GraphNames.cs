namespace Depc.Core.Naming;

/// <summary>
/// The label and name rules of SPEC §3. Labels end up inside Cypher text, so these checks are
/// the only gate between user input and a query: keep them strict and byte-exact.
/// </summary>
public static class GraphNames
{
    public const string LabelRule = "must be a string matching ^[A-Z]+[a-zA-Z0-9]*$ (e.g. MyLabel, My123Label)";
    public const string NameRule = "must be a non-empty string of printable ASCII without spaces, quotes, backslash or backtick (^[!#-&(-[\\]-_a-~]+$)";

    public static bool IsValidLabel(ReadOnlySpan<char> label)
    {
        if (label.IsEmpty || !char.IsAsciiLetterUpper(label[0]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidLabel(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || !IsUpper(utf8[0]))
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!IsUpper(b) && !(b is >= (byte)'a' and <= (byte)'z') && !(b is >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c > 0x7f || !IsNameByte((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidName(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return false;
        }

        foreach (var b in utf8)
        {
            if (!IsNameByte(b))
            {
                return false;
            }
        }

        return true;
    }

    public static string ValidLabel(string? label) =>
        label is not null && IsValidLabel(label.AsSpan())
            ? label
            : throw new ArgumentException($"label '{label}' {LabelRule}", nameof(label));

    public static string ValidName(string? name) =>
        name is not null && IsValidName(name.AsSpan())
            ? name
            : throw new ArgumentException($"node name '{name}' {NameRule}", nameof(name));

    private static bool IsUpper(byte b) => b is >= (byte)'A' and <= (byte)'Z';

    // '!' to '~' except '"' (0x22), '\'' (0x27), '\\' (0x5c) and '`' (0x60).
    private static bool IsNameByte(byte b) => b is >= 0x21 and <= 0x7e and not 0x22 and not 0x27 and not 0x5c and not 0x60;
}
