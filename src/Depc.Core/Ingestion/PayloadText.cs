using System.Text;

namespace Depc.Core.Ingestion;

/// <summary>Renders a payload for a rejection report: valid UTF-8 or escaped bytes, never longer than the limit.</summary>
public static class PayloadText
{
    public const int DefaultMaxChars = 1024;

    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Truncate(ReadOnlySpan<byte> payload, int maxChars = DefaultMaxChars)
    {
        var slice = payload.Length > maxChars * 4 ? payload[..(maxChars * 4)] : payload;
        var text = Lenient.GetString(slice);
        return text.Length > maxChars || slice.Length < payload.Length
            ? string.Concat(text.AsSpan(0, Math.Min(text.Length, maxChars)), "…")
            : text;
    }
}
