using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Writes a <see cref="BatchPlan"/> in one IMMEDIATE transaction on the store's single write
/// connection: nodes with multi-row upserts, relationship events folded through the period table
/// in memory, then one upsert per changed relationship. Not thread-safe: the store serialises calls.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WriteCache _cache;
    private readonly PreparedCommand _upsertNode;
    private readonly PreparedCommand _upsertRelationship;
    private readonly PreparedCommand _readRelationship;
    private readonly PreparedCommand _readGeneration;
    private readonly PreparedCommand _bumpGeneration;

    public BatchWriter(SqliteConnection connection, WriteCache cache)
    {
        _connection = connection;
        _cache = cache;
        _upsertNode = new PreparedCommand(
            connection,
            """
            INSERT INTO nodes (team, label, name, "from", "to") VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (team, label, name) DO UPDATE SET "from" = coalesce(excluded."from", nodes."from"), "to" = coalesce(excluded."to", nodes."to")
            RETURNING id, "from", "to"
            """,
            5);
        _upsertRelationship = new PreparedCommand(
            connection,
            """
            INSERT INTO relationships (source_id, target_id, periods, last_state, last_ts) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (source_id, target_id) DO UPDATE SET periods = excluded.periods, last_state = excluded.last_state, last_ts = excluded.last_ts
            """,
            5);
        _readRelationship = new PreparedCommand(connection, "SELECT periods, last_state, last_ts FROM relationships WHERE source_id = @p0 AND target_id = @p1", 2);
        _readGeneration = new PreparedCommand(connection, "SELECT value FROM meta WHERE key = 'generation'", 0);
        _bumpGeneration = new PreparedCommand(connection, "UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value", 0);
    }

    public BatchResult Apply(BatchPlan plan)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        try
        {
            if ((long)_readGeneration.Bind(transaction).ExecuteScalar()! != _cache.Generation)
            {
                _cache.Clear();
            }

            UpsertNodes(plan, transaction);
            var result = ApplyRelationships(plan, transaction);
            _cache.Generation = (long)_bumpGeneration.Bind(transaction).ExecuteScalar()!;
            transaction.Commit();
            _cache.Trim();
            return result;
        }
        catch
        {
            // What the cache learnt in a rolled-back transaction is not in the database.
            _cache.Clear();
            throw;
        }
    }

    /// <summary>Tells the cache that this connection changed the graph outside a batch (a delete).</summary>
    public void Invalidate() => _cache.Clear();

    public void Dispose()
    {
        _upsertNode.Dispose();
        _upsertRelationship.Dispose();
        _readRelationship.Dispose();
        _readGeneration.Dispose();
        _bumpGeneration.Dispose();
    }

    private void UpsertNodes(BatchPlan plan, SqliteTransaction transaction)
    {
        var team = plan.Team.Value;
        foreach (var group in plan.Nodes)
        {
            foreach (var node in group.Nodes)
            {
                // Producers re-send their topology: a known node whose bounds would not change needs no write.
                var key = (team, group.Label, node.Name);
                if (_cache.Nodes.TryGetValue(key, out var known) && known.Covers(node.From, node.To))
                {
                    continue;
                }

                using var reader = _upsertNode.Bind(transaction, team, group.Label, node.Name, node.From, node.To).ExecuteReader();
                reader.Read();
                _cache.Nodes[key] = new CachedNode(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetInt64(1),
                    reader.IsDBNull(2) ? null : reader.GetInt64(2));
            }
        }
    }

    private BatchResult ApplyRelationships(BatchPlan plan, SqliteTransaction transaction)
    {
        var team = plan.Team.Value;
        var keys = new List<(long Source, long Target, RelationshipEvents Rel)>(plan.RelationshipCount);
        foreach (var group in plan.Relationships)
        {
            foreach (var rel in group.Relationships)
            {
                keys.Add((_cache.Nodes[(team, group.SourceLabel, rel.SourceName)].Id, _cache.Nodes[(team, group.TargetLabel, rel.TargetName)].Id, rel));
            }
        }

        var stored = ReadUncached(keys, transaction);
        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var changed = new List<(long Source, long Target, RelationshipState State)>();
        foreach (var (source, target, rel) in keys)
        {
            var current = _cache.Relationships.TryGetValue((source, target), out var known) ? known : stored.GetValueOrDefault((source, target));
            var final = RelationshipResolver.Resolve(current, rel.Events, outcomes, rejections);
            if (final is not null)
            {
                _cache.Relationships[(source, target)] = final;
                changed.Add((source, target, final));
            }
        }

        WriteRelationships(changed, transaction);
        rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
        return new BatchResult(outcomes, rejections);
    }

    /// <summary>Reads the stored state of the batch's relationships the cache does not know.</summary>
    private Dictionary<(long, long), RelationshipState> ReadUncached(List<(long Source, long Target, RelationshipEvents Rel)> keys, SqliteTransaction transaction)
    {
        var result = new Dictionary<(long, long), RelationshipState>();
        foreach (var (source, target, _) in keys)
        {
            if (_cache.Relationships.ContainsKey((source, target)))
            {
                continue;
            }

            using var reader = _readRelationship.Bind(transaction, source, target).ExecuteReader();
            if (reader.Read())
            {
                result[(source, target)] = ReadState(reader, 0);
            }
        }

        return result;
    }

    private void WriteRelationships(List<(long Source, long Target, RelationshipState State)> changed, SqliteTransaction transaction)
    {
        foreach (var (source, target, state) in changed)
        {
            _upsertRelationship
                .Bind(transaction, source, target, PeriodsCodec.Encode(state.Periods), RelationshipState.StateText(state.LastState), state.LastTs)
                .ExecuteNonQuery();
        }
    }

    private static RelationshipState ReadState(SqliteDataReader reader, int at)
    {
        var periods = PeriodsCodec.Decode(reader.GetString(at));
        // Graphs written before last_state existed: an odd period list is still open.
        var state = reader.IsDBNull(at + 1)
            ? (periods.Length % 2 == 1 ? LastState.From : LastState.To)
            : reader.GetString(at + 1) == "to" ? LastState.To : LastState.From;
        var lastTs = reader.IsDBNull(at + 2) ? (periods.Length > 0 ? periods[^1] : 0) : reader.GetInt64(at + 2);
        return new RelationshipState(periods, state, lastTs);
    }
}
