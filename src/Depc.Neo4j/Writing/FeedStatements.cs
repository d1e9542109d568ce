using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// A team's rejection feed in Neo4j: a node per entry <c>(:_Depc_Rejection {key, team, seq, time, source, origin,
/// reason, payload})</c>, numbered by the <c>feed_next</c> of the team's <c>_Depc_TeamCounts</c> node, which the batch's
/// transaction has locked already (<see cref="LedgerStatements.Commit"/>): entries of concurrent writers never share a
/// number, and the newest are the highest. The key <c>team/seq</c> is unique, so appending, trimming to the retention
/// and reading the newest are index look-ups, never a scan of the feed.
/// </summary>
internal static class FeedStatements
{
    public const string Rejection = "`_Depc_Rejection`";

    /// <summary>Appends the entries (oldest first) and deletes those past the newest <paramref name="retention"/>.</summary>
    public static IEnumerable<CypherStatement> Append(TeamName team, IReadOnlyList<FeedEntry> entries, int retention)
    {
        if (entries.Count == 0)
        {
            yield break;
        }

        yield return new CypherStatement(
            $"MATCH (c:{LedgerStatements.TeamCounts} {{team: $team}}) WITH c, coalesce(c.feed_next, 0) AS first " +
            "SET c.feed_next = first + size($rows) WITH first " +
            "UNWIND range(0, size($rows) - 1) AS i WITH first + i AS seq, $rows[i] AS row " +
            $"CREATE (:{Rejection} {{key: $team + '/' + toString(seq), team: $team, seq: seq, time: row.time, " +
            "source: row.source, origin: row.origin, reason: row.reason, payload: row.payload})",
            w =>
            {
                w.WriteString("team"u8, team.Value);
                w.WriteStartArray("rows"u8);
                foreach (var e in entries)
                {
                    w.WriteStartObject();
                    w.WriteNumber("time"u8, e.Time);
                    w.WriteString("source"u8, e.Source);
                    w.WriteString("origin"u8, e.Origin);
                    w.WriteString("reason"u8, e.Reason);
                    w.WriteString("payload"u8, e.Payload);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        yield return new CypherStatement(
            $"MATCH (c:{LedgerStatements.TeamCounts} {{team: $team}}) " +
            "WITH c.feed_next - $retention AS below, c.feed_next - $added - $retention AS from " +
            "UNWIND range(CASE WHEN from < 0 THEN 0 ELSE from END, below - 1) AS seq " +
            $"MATCH (r:{Rejection} {{key: $team + '/' + toString(seq)}}) DELETE r",
            w =>
            {
                w.WriteString("team"u8, team.Value);
                w.WriteNumber("retention"u8, retention);
                w.WriteNumber("added"u8, entries.Count);
            });
    }

    /// <summary>The team's newest <paramref name="limit"/> entries, newest first.</summary>
    public static CypherStatement Read(TeamName team, int limit, List<FeedEntry> entries) => new(
        $"MATCH (c:{LedgerStatements.TeamCounts} {{team: $team}}) WHERE c.feed_next > 0 " +
        "UNWIND range(c.feed_next - 1, c.feed_next - $limit, -1) AS seq " +
        $"MATCH (r:{Rejection} {{key: $team + '/' + toString(seq)}}) " +
        "RETURN r.time, r.source, r.origin, r.reason, r.payload ORDER BY r.seq DESC",
        w =>
        {
            w.WriteString("team"u8, team.Value);
            w.WriteNumber("limit"u8, limit);
        },
        row => entries.Add(new FeedEntry(row[0].GetInt64(), Text(row[1]), Text(row[2]), Text(row[3]), Text(row[4]))));

    /// <summary>Deletes every entry of the team's feed (the team is deleted).</summary>
    public static CypherStatement Clear(TeamName team) => new(
        $"MATCH (r:{Rejection} {{team: $team}}) DELETE r",
        w => w.WriteString("team"u8, team.Value));

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
