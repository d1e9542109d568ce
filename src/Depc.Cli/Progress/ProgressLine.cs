using System.Globalization;

namespace Depc.Cli.Progress;

/// <summary>
/// The words of a progress line: messages and their rate, bytes read (of the total when known) and, for files, the
/// time left at the rate so far. Pure, so every case is tested without a clock.
/// </summary>
internal static class ProgressLine
{
    public static string Format(string command, long messages, long bytes, long? totalBytes, TimeSpan elapsed, bool done)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var rate = Number((long)(messages / seconds));
        var read = totalBytes is { } total ? $"{Size(bytes)} of {Size(total)} read ({Percent(bytes, total)} %)" : $"{Size(bytes)} read";
        if (done)
        {
            return $"{command}: {Number(messages)} messages in {Duration(elapsed)}, {rate}/s; {read}";
        }

        var eta = totalBytes is { } all && bytes > 0 && bytes < all
            ? "; ETA " + Duration(TimeSpan.FromSeconds((all - bytes) * seconds / bytes))
            : "";
        return $"{command}: {Number(messages)} messages, {rate}/s; {read}{eta}";
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => Scaled(bytes, 1024, "KiB"),
        < 1024L * 1024 * 1024 => Scaled(bytes, 1024 * 1024, "MiB"),
        _ => Scaled(bytes, 1024L * 1024 * 1024, "GiB"),
    };

    /// <summary>h:mm:ss, or m:ss under an hour.</summary>
    public static string Duration(TimeSpan time)
    {
        var whole = TimeSpan.FromSeconds(Math.Ceiling(Math.Max(time.TotalSeconds, 0)));
        return whole.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)whole.TotalHours}:{whole.Minutes:00}:{whole.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{whole.Minutes}:{whole.Seconds:00}");
    }

    private static string Percent(long part, long whole) =>
        whole <= 0 ? "100" : Math.Min(100, part * 100 / whole).ToString(CultureInfo.InvariantCulture);

    private static string Scaled(long bytes, long unit, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double)bytes / unit:0.0} {name}");
}
