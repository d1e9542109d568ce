using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Teams;

/// <summary>
/// Teams as <c>(:_Depc_Team {name, token_hash, created_at, rotated_at})</c> nodes, outside every team's namespace (a
/// team name cannot start with '_'), unique by name and by token hash (the base64 SHA-256 of the token).
/// </summary>
internal static class TeamStatements
{
    public const string Team = "`_Depc_Team`";

    private const string Columns = "t.name, t.token_hash, t.created_at, t.rotated_at";

    /// <summary>Creates the team unless it exists (a concurrent create of the same name waits on the constraint, then finds it).</summary>
    public static CypherStatement Create(StoredTeam team, Action<bool> created) => new(
        $"MERGE (t:{Team} {{name: $name}}) " +
        "ON CREATE SET t.token_hash = $hash, t.created_at = $created, t.rotated_at = $rotated, t.`__new` = true " +
        "WITH t, coalesce(t.`__new`, false) AS created REMOVE t.`__new` RETURN created",
        w =>
        {
            w.WriteString("name"u8, team.Name);
            w.WriteString("hash"u8, Convert.ToBase64String(team.TokenHash));
            w.WriteNumber("created"u8, team.CreatedAt);
            w.WriteNumber("rotated"u8, team.RotatedAt);
        },
        row => created(row[0].GetBoolean()));

    public static CypherStatement ReplaceToken(TeamName team, byte[] tokenHash, long now, Action found) => new(
        $"MATCH (t:{Team} {{name: $name}}) SET t.token_hash = $hash, t.rotated_at = $now RETURN t.name",
        w =>
        {
            w.WriteString("name"u8, team.Value);
            w.WriteString("hash"u8, Convert.ToBase64String(tokenHash));
            w.WriteNumber("now"u8, now);
        },
        _ => found());

    public static CypherStatement Delete(TeamName team, Action found) => new(
        $"MATCH (t:{Team} {{name: $name}}) WITH t, t.name AS name DELETE t RETURN name",
        w => w.WriteString("name"u8, team.Value),
        _ => found());

    public static CypherStatement List(List<StoredTeam> teams) => new(
        $"MATCH (t:{Team}) RETURN {Columns} ORDER BY t.name",
        OnRow: row => teams.Add(Read(row)));

    public static CypherStatement FindByTokenHash(byte[] tokenHash, Action<StoredTeam> found) => new(
        $"MATCH (t:{Team} {{token_hash: $hash}}) RETURN {Columns}",
        w => w.WriteString("hash"u8, Convert.ToBase64String(tokenHash)),
        row => found(Read(row)));

    private static StoredTeam Read(JsonElement row) =>
        new(row[0].GetString()!, Convert.FromBase64String(row[1].GetString()!), row[2].GetInt64(), row[3].GetInt64());
}
