using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The Cypher of what commits with a batch (<see cref="LedgerLocks"/>): a node per Kafka position
/// <c>(:_Depc_Position {key, group, topic, partition, next})</c>, per team's counts <c>(:_Depc_TeamCounts {team, …})</c>
/// and per idempotency key <c>(:_Depc_Idempotency {key, team, hash, answer, created_at})</c>, the team's feed entries
/// (<see cref="FeedStatements"/>), each label under a
/// uniqueness constraint (<see cref="LedgerSchema"/>). A team's labels are <c>&lt;team&gt;_&lt;Label&gt;</c> and a
/// team name cannot start with '_', so these labels are never a team's.
/// </summary>
internal static class LedgerStatements
{
    public const string Position = "`_Depc_Position`";
    public const string TeamCounts = "`_Depc_TeamCounts`";
    public const string Idempotency = "`_Depc_Idempotency`";

    /// <summary>
    /// Takes each claimed position's write lock (creating its node if needed), then reads it: nobody moves it until this
    /// transaction ends. In key order, so two writers claiming the same partitions lock them in the same order.
    /// </summary>
    public static CypherStatement LockPositions(StoreWrite write, long[] stored) => new(
        $"UNWIND $rows AS row MERGE (p:{Position} {{key: row.key}}) " +
        "ON CREATE SET p.group = row.group, p.topic = row.topic, p.partition = row.partition " +
        "SET p.`__lock` = true REMOVE p.`__lock` RETURN row.i, p.next",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var i in Enumerable.Range(0, write.Positions.Count).OrderBy(i => write.Positions[i].Key, StringComparer.Ordinal))
            {
                var claim = write.Positions[i];
                w.WriteStartObject();
                w.WriteNumber("i"u8, i);
                w.WriteString("key"u8, claim.Key);
                w.WriteString("group"u8, claim.Group);
                w.WriteString("topic"u8, claim.Topic);
                w.WriteNumber("partition"u8, claim.Partition);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        },
        row => stored[row[0].GetInt32()] = row[1].ValueKind == JsonValueKind.Number ? row[1].GetInt64() : -1);

    /// <summary>Takes the key's write lock (a concurrent request with the same key waits for this one), then reads what it kept.</summary>
    public static CypherStatement LockKey(StoreWrite write, Action<StoredAnswer?> found) => new(
        $"MERGE (k:{Idempotency} {{key: $key}}) ON CREATE SET k.team = $team " +
        "SET k.`__lock` = true REMOVE k.`__lock` RETURN k.hash, k.answer, k.created_at",
        w =>
        {
            w.WriteString("key"u8, KeyOf(write.Team, write.Idempotency!.Key));
            w.WriteString("team"u8, write.Team.Value);
        },
        row => found(row[1].ValueKind == JsonValueKind.String && row[2].ValueKind == JsonValueKind.Number
            ? new StoredAnswer(Convert.FromBase64String(row[0].GetString() ?? ""), row[1].GetString()!, row[2].GetInt64())
            : null));

    /// <summary>The counts, feed entries, positions and key of a completed write, for its commit request.</summary>
    public static IEnumerable<CypherStatement> Commit(StoreWrite write, CompletedWrite completed)
    {
        var c = completed.Counts;
        if (c.Received > 0)
        {
            // The lock first: the increments then read a value no concurrent writer can change before this commit.
            yield return new CypherStatement(
                $"MERGE (c:{TeamCounts} {{team: $team}}) SET c.`__lock` = true WITH c " +
                "SET c.received = coalesce(c.received, 0) + $received, c.accepted = coalesce(c.accepted, 0) + $accepted, " +
                "c.rejected = coalesce(c.rejected, 0) + $rejected, c.duplicates = coalesce(c.duplicates, 0) + $duplicates, " +
                "c.last_message_at = CASE WHEN $at IS NULL OR c.last_message_at >= $at THEN c.last_message_at ELSE $at END " +
                "REMOVE c.`__lock`",
                w =>
                {
                    w.WriteString("team"u8, write.Team.Value);
                    w.WriteNumber("received"u8, c.Received);
                    w.WriteNumber("accepted"u8, c.Accepted);
                    w.WriteNumber("rejected"u8, c.Rejected);
                    w.WriteNumber("duplicates"u8, c.Duplicates);
                    if (c.LastMessageAt is { } at)
                    {
                        w.WriteNumber("at"u8, at);
                    }
                    else
                    {
                        w.WriteNull("at"u8);
                    }
                });
        }

        if (write.Feed is { } feed)
        {
            foreach (var statement in FeedStatements.Append(write.Team, completed.Feed, feed.Retention))
            {
                yield return statement;
            }
        }

        if (write.Positions.Count > 0)
        {
            yield return new CypherStatement(
                $"UNWIND $rows AS row MATCH (p:{Position} {{key: row.key}}) SET p.next = row.next",
                w =>
                {
                    w.WriteStartArray("rows"u8);
                    foreach (var claim in write.Positions)
                    {
                        w.WriteStartObject();
                        w.WriteString("key"u8, claim.Key);
                        w.WriteNumber("next"u8, claim.Next);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
        }

        if (write.Idempotency is { } key)
        {
            yield return new CypherStatement(
                $"MATCH (k:{Idempotency} {{key: $key}}) SET k.hash = $hash, k.answer = $answer, k.created_at = $at",
                w =>
                {
                    w.WriteString("key"u8, KeyOf(write.Team, key.Key));
                    w.WriteString("hash"u8, Convert.ToBase64String(key.RequestHash));
                    w.WriteString("answer"u8, completed.Answer);
                    w.WriteNumber("at"u8, write.At);
                });
            yield return new CypherStatement(
                $"MATCH (k:{Idempotency}) WHERE k.created_at < $cutoff WITH k LIMIT 1000 DELETE k",
                w => w.WriteNumber("cutoff"u8, write.At - (long)key.Retention.TotalSeconds));
        }
    }

    /// <summary>Takes the write lock of the team's counts node (creating it if needed), as a write's counts statement does.</summary>
    public static CypherStatement LockCounts(TeamName team) => new(
        $"MERGE (c:{TeamCounts} {{team: $team}}) ON CREATE SET c.received = 0, c.accepted = 0, c.rejected = 0, c.duplicates = 0 " +
        "SET c.`__lock` = true REMOVE c.`__lock`",
        w => w.WriteString("team"u8, team.Value));

    public static CypherStatement ReadPositions(string group, string topic, List<StoredPosition> positions) => new(
        $"MATCH (p:{Position}) WHERE p.group = $group AND p.topic = $topic AND p.next IS NOT NULL RETURN p.partition, p.next ORDER BY p.partition",
        w =>
        {
            w.WriteString("group"u8, group);
            w.WriteString("topic"u8, topic);
        },
        row => positions.Add(new StoredPosition(topic, row[0].GetInt32(), row[1].GetInt64())));

    public static CypherStatement ReadCounts(TeamName team, Action<TeamCounts> found) => new(
        $"MATCH (c:{TeamCounts} {{team: $team}}) RETURN c.received, c.accepted, c.rejected, c.duplicates, c.last_message_at",
        w => w.WriteString("team"u8, team.Value),
        row => found(new TeamCounts(
            row[0].GetInt64(),
            row[1].GetInt64(),
            row[2].GetInt64(),
            row[3].GetInt64(),
            row[4].ValueKind == JsonValueKind.Number ? row[4].GetInt64() : null)));

    // A team name has no '/', so the key after the first '/' is the client's, whatever it holds.
    private static string KeyOf(TeamName team, string key) => team.Value + "/" + key;
}
