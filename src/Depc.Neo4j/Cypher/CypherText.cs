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
        Team(team);
        return "`" + team.NamespacedLabel(label) + "`";
    }

    private static string Team(TeamName team) =>
        team.Value is not null && TeamName.IsValid(team.Value) ? team.Value : throw new ArgumentException("an invalid team reached the Neo4j store", nameof(team));

    /// <summary>
    /// The backtick-quoted label of the team's change-index nodes, <c>`_Depc_Changes_&lt;team&gt;`</c>: outside every
    /// team's <c>&lt;team&gt;_&lt;Label&gt;</c> namespace (a team name never starts with <c>_</c>), so no query for a
    /// team's graph ever meets them.
    /// </summary>
    public static string ChangesLabel(TeamName team) => "`_Depc_Changes_" + Team(team) + "`";

    /// <summary>The label of the node that tells a team's change index is complete (filled for what was written before it).</summary>
    public static string ChangesIndexedLabel(TeamName team) => "`_Depc_ChangesIndexed_" + Team(team) + "`";

    /// <summary>The label without its team prefix, or null when the stored label is not one of the team's.</summary>
    public static string? Unprefixed(TeamName team, string storedLabel)
    {
        var prefix = team.Value + "_";
        return storedLabel.StartsWith(prefix, StringComparison.Ordinal) && GraphNames.IsValidLabel(storedLabel.AsSpan(prefix.Length))
            ? storedLabel[prefix.Length..]
            : null;
    }
}
