namespace Depc.Neo4j.Cypher;

/// <summary>The few places where the Cypher of Neo4j 3.x/4.x and 5.x differ, picked once from the server version.</summary>
internal sealed record CypherDialect(int Major, int Minor)
{
    public bool IsModern => Major >= 5;

    public static CypherDialect FromVersion(string version)
    {
        var parts = version.Split('.', '-');
        var major = parts.Length > 0 && int.TryParse(parts[0], out var m) ? m : 0;
        var minor = parts.Length > 1 && int.TryParse(parts[1], out var n) ? n : 0;
        return major == 0 ? throw new Neo4jException(null, $"unrecognised Neo4j version '{version}'", isTransient: true) : new CypherDialect(major, minor);
    }

    /// <summary>The uniqueness constraint on <c>name</c> for a label (already escaped with <see cref="CypherText.Label"/>).</summary>
    public string UniqueNameConstraint(string escapedLabel) => UniqueConstraint(escapedLabel, "name");

    /// <summary>The uniqueness constraint on one property of a label (already escaped).</summary>
    public string UniqueConstraint(string escapedLabel, string property) => IsModern
        ? $"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{escapedLabel}) REQUIRE n.{property} IS UNIQUE"
        : $"CREATE CONSTRAINT ON (n:{escapedLabel}) ASSERT n.{property} IS UNIQUE";

    /// <summary>An index on one property of a label (already escaped); 3.x ignores a repeated one.</summary>
    public string PropertyIndex(string escapedLabel, string property) => IsModern
        ? $"CREATE INDEX IF NOT EXISTS FOR (n:{escapedLabel}) ON (n.{property})"
        : $"CREATE INDEX ON :{escapedLabel}({property})";

    /// <summary>4.x refuses to create a constraint that exists (3.x ignores it, 5.x has IF NOT EXISTS).</summary>
    public static bool MeansAlreadyExists(string? code) =>
        code is "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists" or "Neo.ClientError.Schema.ConstraintAlreadyExists";
}
