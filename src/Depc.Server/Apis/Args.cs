using System.Globalization;
using Depc.Core.Activity;
using Depc.Core.Naming;

namespace Depc.Server.Apis;

/// <summary>Strict parsing of route and query arguments: anything outside its rule throws <see cref="InvalidArgumentException"/>.</summary>
internal static class Args
{
    public static TeamName Team(string? team) =>
        TeamName.TryParse(team, out var name) ? name : throw new InvalidArgumentException("team", TeamName.Rule);

    public static string Label(string? label, string parameter = "label") =>
        label is not null && GraphNames.IsValidLabel(label.AsSpan()) ? label : throw new InvalidArgumentException(parameter, GraphNames.LabelRule);

    public static string NodeName(string? name, string parameter = "node") =>
        name is not null && GraphNames.IsValidName(name.AsSpan()) ? name : throw new InvalidArgumentException(parameter, GraphNames.NameRule);

    /// <summary>Absent or empty is false (as the original system read its flags); otherwise true/false/1/0.</summary>
    public static bool Flag(string? value, string parameter) => value switch
    {
        null or "" => false,
        _ when value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" => true,
        _ when value.Equals("false", StringComparison.OrdinalIgnoreCase) || value == "0" => false,
        _ => throw new InvalidArgumentException(parameter, "must be true or false"),
    };

    public static int? Count(string? value, string parameter) =>
        value is null ? null
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new InvalidArgumentException(parameter, "must be an integer from 0 to 2147483647");

    public static long? UnixSeconds(string? value, string parameter) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new InvalidArgumentException(parameter, "must be a Unix time in seconds (an integer ≥ 0)");

    public static UtcDay? Day(string? value) =>
        value is null ? null
        : UtcDay.TryParse(value, out var day) ? day
        : throw new InvalidArgumentException("day", "must be a UTC day written " + UtcDay.Format);
}
