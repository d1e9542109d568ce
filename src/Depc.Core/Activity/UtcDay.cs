using System.Globalization;

namespace Depc.Core.Activity;

/// <summary>A UTC calendar day as the closed range of Unix seconds <c>[Start, End]</c> (00:00:00 to 23:59:59).</summary>
public readonly record struct UtcDay(DateOnly Date)
{
    public const string Format = "yyyy-MM-dd";

    public long Start => new DateTimeOffset(Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();

    public long End => Start + 86_399;

    public static UtcDay Of(DateTimeOffset instant) => new(DateOnly.FromDateTime(instant.UtcDateTime));

    public static bool TryParse(string? text, out UtcDay day)
    {
        day = default;
        if (!DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        day = new UtcDay(date);
        return true;
    }

    public override string ToString() => Date.ToString(Format, CultureInfo.InvariantCulture);
}
