namespace Depc.Core.Naming;

/// <summary>
/// A team: the part of a topic after <c>depc.</c>. It namespaces everything a message touches,
/// so it only ever comes from the topic or the authenticated caller, never from a message body.
/// </summary>
public readonly record struct TeamName
{
    public const string TopicPrefix = "depc.";
    public const string Rule = "must match ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$ (letters, digits and '-', at most 63 characters)";

    private TeamName(string value) => Value = value;

    public string Value { get; }

    public string Topic => TopicPrefix + Value;

    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value[1..])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParse(string? value, out TeamName team)
    {
        team = default;
        if (value is null || !IsValid(value))
        {
            return false;
        }

        team = new TeamName(value);
        return true;
    }

    /// <summary>Parses a team name given by a user (CLI argument, route); throws with the rule when invalid.</summary>
    public static TeamName Parse(string? value) =>
        TryParse(value, out var team)
            ? team
            : throw new ArgumentException($"team '{value}' {Rule}", nameof(value));

    /// <summary>The team of a topic <c>depc.&lt;team&gt;</c>, or false for any other topic.</summary>
    public static bool TryFromTopic(string? topic, out TeamName team)
    {
        team = default;
        return topic is not null
            && topic.StartsWith(TopicPrefix, StringComparison.Ordinal)
            && TryParse(topic[TopicPrefix.Length..], out team);
    }

    /// <summary>The Neo4j label of a node of this team, as the original system stored it.</summary>
    public string NamespacedLabel(string label) => Value + "_" + label;

    public override string ToString() => Value;
}
