using System.CommandLine;
using Depc.Core.Naming;
using Depc.Server.Stores;

namespace Depc.Cli;

/// <summary>The options shared by commands; values are checked with the same rules as messages.</summary>
internal static class CliOptions
{
    public static Option<string?> Store() => new("--store")
    {
        Description = $"The graph store: {StoreSpec.Forms} (default: ${StoreLocator.EnvironmentVariable}, else {StoreLocator.DefaultSpec})",
    };

    public static Option<string> Team() => new("--team") { Description = "The team (" + TeamName.Rule + ")", Required = true };

    public static Option<string> Label() => new("--label") { Description = "The node label, without team prefix (e.g. Server)", Required = true };

    public static Option<string> Node() => new("--node") { Description = "The node name", Required = true };

    public static TeamName TeamValue(ParseResult result, Option<string> option) => TeamName.Parse(result.GetValue(option));

    public static string LabelValue(ParseResult result, Option<string> option) => GraphNames.ValidLabel(result.GetValue(option));

    public static string NodeValue(ParseResult result, Option<string> option) => GraphNames.ValidName(result.GetValue(option));

    /// <summary>An integer option, parsed here so a bad value gets the same kind of message as a bad message field.</summary>
    public static Option<string?> Integer(string name, string description) => new(name) { Description = description };

    public static long? NonNegative(ParseResult result, Option<string?> option)
    {
        var text = result.GetValue(option);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{option.Name} '{text}' must be an integer >= 0");
    }
}
