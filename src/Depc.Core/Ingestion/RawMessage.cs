using System.Globalization;

namespace Depc.Core.Ingestion;

/// <summary>
/// Undecoded message bytes and where they came from (<c>line 3</c>, <c>depc.acme/2@1234</c>, <c>file:12</c>, …), for
/// reports. A line's origin is made only when asked for: most messages are never rejected, and a string per line
/// was about a tenth of what <c>depc ingest</c> allocated.
/// </summary>
public readonly record struct RawMessage
{
    private readonly string? _origin;
    private readonly long _line;

    public RawMessage(ReadOnlyMemory<byte> payload, string origin) => (Payload, _origin, _line) = (payload, origin, -1);

    /// <summary>Line <paramref name="line"/> of <paramref name="source"/>: its origin is <c>source:line</c>.</summary>
    public RawMessage(ReadOnlyMemory<byte> payload, string source, long line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        (Payload, _origin, _line) = (payload, source, line);
    }

    public ReadOnlyMemory<byte> Payload { get; }

    public string Origin => _line < 0 ? _origin ?? "" : LineOrigin(_origin!, _line);

    /// <summary>The origin of line <paramref name="line"/> of <paramref name="source"/>.</summary>
    public static string LineOrigin(string source, long line) => string.Create(CultureInfo.InvariantCulture, $"{source}:{line}");
}
