using Depc.Core.Naming;

namespace Depc.Neo4j.Cypher;

/// <summary>
/// Labels cannot be Cypher parameters: they enter query text only here, after the label and team rules,
/// and quoted with backticks. Names never enter query text.
/// </summary>
internal static class CypherText
{
    /// <summary>The backtick-quoted label of a team's node, e.g. <c>`acme_Server`</c>.</summary>
    public static string Label(TeamName team, string label)
    {
        GraphNames.ValidLabel(label);
        if (team.Value is null || !TeamName.IsValid(team.Value))
        {
            throw new ArgumentException("an invalid team reached the Neo4j store", nameof(team));
        }

        return "`" + team.NamespacedLabel(label) + "`";
    }

    /// <summary>The label without its team prefix, or null when the stored label is not one of the team's.</summary>
    public static string? Unprefixed(TeamName team, string storedLabel)
    {
        var prefix = team.Value + "_";
        return storedLabel.StartsWith(prefix, StringComparison.Ordinal) && GraphNames.IsValidLabel(storedLabel.AsSpan(prefix.Length))
            ? storedLabel[prefix.Length..]
            : null;
    }
}
