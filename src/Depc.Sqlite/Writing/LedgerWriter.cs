using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// What commits with the graph in a write's transaction, on the same connection (<see cref="SqliteBatchWriter"/>'s): Kafka
/// positions (read first: the transaction is IMMEDIATE, so no other writer can move them until it ends), the team's
/// counts, the rejection feed, and idempotency keys with their answers. Not thread-safe: the store serialises calls.
/// </summary>
internal sealed class LedgerWriter : IDisposable
{
    private readonly RawStatement _readPosition;
    private readonly RawStatement _writePosition;
    private readonly RawStatement _addCounts;
    private readonly RawStatement _readAnswer;
    private readonly RawStatement _writeAnswer;
    private readonly RawStatement _pruneAnswers;
    private readonly RawStatement _addRejection;
    private readonly RawStatement _trimRejections;

    public LedgerWriter(SqliteConnection connection)
    {
        _readPosition = new RawStatement(connection, "SELECT next_offset FROM depc_positions WHERE consumer_group = ?1 AND topic = ?2 AND partition = ?3");
        _writePosition = new RawStatement(
            connection,
            """
            INSERT INTO depc_positions (consumer_group, topic, partition, next_offset) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset
            """);
        _addCounts = new RawStatement(
            connection,
            """
            INSERT INTO depc_team_counts (team, received, accepted, rejected, duplicates, last_message_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (team) DO UPDATE SET received = received + excluded.received, accepted = accepted + excluded.accepted,
                rejected = rejected + excluded.rejected, duplicates = duplicates + excluded.duplicates,
                last_message_at = max(coalesce(last_message_at, excluded.last_message_at), coalesce(excluded.last_message_at, last_message_at))
            """);
        _readAnswer = new RawStatement(connection, "SELECT request_hash, answer, created_at FROM depc_idempotency WHERE team = ?1 AND key = ?2 AND created_at >= ?3");
        _writeAnswer = new RawStatement(connection, "INSERT OR REPLACE INTO depc_idempotency (team, key, request_hash, answer, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
        _pruneAnswers = new RawStatement(connection, "DELETE FROM depc_idempotency WHERE created_at < ?1");
        _addRejection = new RawStatement(connection, "INSERT INTO depc_rejections (team, time, source, origin, reason, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _trimRejections = new RawStatement(
            connection,
            "DELETE FROM depc_rejections WHERE team = ?1 AND id <= (SELECT id FROM depc_rejections WHERE team = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
    }

    /// <summary>The answer kept for the write's idempotency key, when the key was used within its retention.</summary>
    public StoredAnswer? Answer(StoreWrite write)
    {
        if (write.Idempotency is not { } key)
        {
            return null;
        }

        if (!_readAnswer.Bind(1, write.Team.Value).Bind(2, key.Key).Bind(3, write.At - (long)key.Retention.TotalSeconds).Step())
        {
            return null;
        }

        var answer = new StoredAnswer(_readAnswer.Blob(0), _readAnswer.Text(1)!, _readAnswer.Int64(2));
        _readAnswer.Reset();
        return answer;
    }

    /// <summary>The stored positions of the write's claims; null when none is past its claim (the write may go on).</summary>
    public IReadOnlyList<StoredPosition>? Fence(StoreWrite write)
    {
        var stored = new List<StoredPosition>(write.Positions.Count);
        var fenced = false;
        foreach (var claim in write.Positions)
        {
            var next = -1L;
            if (_readPosition.Bind(1, claim.Group).Bind(2, claim.Topic).Bind(3, claim.Partition).Step())
            {
                next = _readPosition.Int64(0);
                _readPosition.Reset();
            }

            stored.Add(new StoredPosition(claim.Topic, claim.Partition, next));
            fenced |= next > claim.First;
        }

        return fenced ? stored : null;
    }

    /// <summary>Adds the counts, the feed entries (when asked), the positions and the key's answer of a completed write.</summary>
    public void Record(StoreWrite write, CompletedWrite completed)
    {
        var team = write.Team.Value;
        var c = completed.Counts;
        if (c.Received > 0)
        {
            _addCounts.Bind(1, team).Bind(2, c.Received).Bind(3, c.Accepted).Bind(4, c.Rejected).Bind(5, c.Duplicates).Bind(6, c.LastMessageAt).Execute();
        }

        if (completed.Feed.Count > 0)
        {
            foreach (var e in completed.Feed)
            {
                _addRejection.Bind(1, team).Bind(2, e.Time).Bind(3, e.Source).Bind(4, e.Origin).Bind(5, e.Reason).Bind(6, e.Payload).Execute();
            }

            _trimRejections.Bind(1, team).Bind(2, write.Feed!.Retention).Execute();
        }

        foreach (var claim in write.Positions)
        {
            _writePosition.Bind(1, claim.Group).Bind(2, claim.Topic).Bind(3, claim.Partition).Bind(4, claim.Next).Execute();
        }

        if (write.Idempotency is { } key)
        {
            _writeAnswer.Bind(1, team).Bind(2, key.Key).BindBlob(3, key.RequestHash).Bind(4, completed.Answer!).Bind(5, write.At).Execute();
            _pruneAnswers.Bind(1, write.At - (long)key.Retention.TotalSeconds).Execute();
        }
    }

    public void Dispose()
    {
        _readPosition.Dispose();
        _writePosition.Dispose();
        _addCounts.Dispose();
        _readAnswer.Dispose();
        _writeAnswer.Dispose();
        _pruneAnswers.Dispose();
        _addRejection.Dispose();
        _trimRejections.Dispose();
    }
}
