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
    private readonly MultiRowCommand _upsertNodes;
    private readonly MultiRowCommand _upsertRelationships;
    private readonly MultiRowCommand _readRelationships;
    private readonly SqliteCommand _readGeneration;
    private readonly SqliteCommand _bumpGeneration;

    public BatchWriter(SqliteConnection connection, WriteCache cache)
    {
        _connection = connection;
        _cache = cache;
        _upsertNodes = new MultiRowCommand(
            connection,
            """INSERT INTO nodes (team, label, name, "from", "to")""",
            5,
            """ON CONFLICT (team, label, name) DO UPDATE SET "from" = coalesce(excluded."from", nodes."from"), "to" = coalesce(excluded."to", nodes."to") RETURNING id, label, name""");
        _upsertRelationships = new MultiRowCommand(
            connection,
            "INSERT INTO relationships (source_id, target_id, periods, last_state, last_ts)",
            5,
            "ON CONFLICT (source_id, target_id) DO UPDATE SET periods = excluded.periods, last_state = excluded.last_state, last_ts = excluded.last_ts");
        _readRelationships = new MultiRowCommand(
            connection,
            "SELECT source_id, target_id, periods, last_state, last_ts FROM relationships WHERE (source_id, target_id) IN (",
            2,
            ")");
        _readGeneration = Command("SELECT value FROM meta WHERE key = 'generation'");
        _bumpGeneration = Command("UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value");
    }

    public BatchResult Apply(BatchPlan plan)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        try
        {
            if (Scalar(_readGeneration, transaction) != _cache.Generation)
            {
                _cache.Clear();
            }

            UpsertNodes(plan, transaction);
            var result = ApplyRelationships(plan, transaction);
            _cache.Generation = Scalar(_bumpGeneration, transaction);
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
        _upsertNodes.Dispose();
        _upsertRelationships.Dispose();
        _readRelationships.Dispose();
        _readGeneration.Dispose();
        _bumpGeneration.Dispose();
    }

    private void UpsertNodes(BatchPlan plan, SqliteTransaction transaction)
    {
        var team = plan.Team.Value;
        var pending = new List<(string Label, NodeUpsert Node)>();
        foreach (var group in plan.Nodes)
        {
            foreach (var node in group.Nodes)
            {
                // A node we know, named without from/to, is unchanged by the message: no write.
                if (node.From is not null || node.To is not null || !_cache.NodeIds.ContainsKey((team, group.Label, node.Name)))
                {
                    pending.Add((group.Label, node));
                }
            }
        }

        for (var start = 0; start < pending.Count;)
        {
            var rows = pending.Count - start >= MultiRowCommand.ChunkRows ? MultiRowCommand.ChunkRows : 1;
            var command = _upsertNodes.For(rows, transaction);
            for (var r = 0; r < rows; r++)
            {
                var (label, node) = pending[start + r];
                _upsertNodes.Bind(command, r, 0, team);
                _upsertNodes.Bind(command, r, 1, label);
                _upsertNodes.Bind(command, r, 2, node.Name);
                _upsertNodes.Bind(command, r, 3, node.From);
                _upsertNodes.Bind(command, r, 4, node.To);
            }

            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    _cache.NodeIds[(team, reader.GetString(1), reader.GetString(2))] = reader.GetInt64(0);
                }
            }

            start += rows;
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
                keys.Add((_cache.NodeIds[(team, group.SourceLabel, rel.SourceName)], _cache.NodeIds[(team, group.TargetLabel, rel.TargetName)], rel));
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

    /// <summary>Reads the stored state of the batch's relationships the cache does not know, 100 per statement.</summary>
    private Dictionary<(long, long), RelationshipState> ReadUncached(List<(long Source, long Target, RelationshipEvents Rel)> keys, SqliteTransaction transaction)
    {
        var missing = keys.Where(k => !_cache.Relationships.ContainsKey((k.Source, k.Target))).ToList();
        var result = new Dictionary<(long, long), RelationshipState>();
        for (var start = 0; start < missing.Count;)
        {
            var rows = missing.Count - start >= MultiRowCommand.ChunkRows ? MultiRowCommand.ChunkRows : 1;
            var command = _readRelationships.For(rows, transaction);
            for (var r = 0; r < rows; r++)
            {
                _readRelationships.Bind(command, r, 0, missing[start + r].Source);
                _readRelationships.Bind(command, r, 1, missing[start + r].Target);
            }

            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    result[(reader.GetInt64(0), reader.GetInt64(1))] = ReadState(reader, 2);
                }
            }

            start += rows;
        }

        return result;
    }

    private void WriteRelationships(List<(long Source, long Target, RelationshipState State)> changed, SqliteTransaction transaction)
    {
        for (var start = 0; start < changed.Count;)
        {
            var rows = changed.Count - start >= MultiRowCommand.ChunkRows ? MultiRowCommand.ChunkRows : 1;
            var command = _upsertRelationships.For(rows, transaction);
            for (var r = 0; r < rows; r++)
            {
                var (source, target, state) = changed[start + r];
                _upsertRelationships.Bind(command, r, 0, source);
                _upsertRelationships.Bind(command, r, 1, target);
                _upsertRelationships.Bind(command, r, 2, PeriodsCodec.Encode(state.Periods));
                _upsertRelationships.Bind(command, r, 3, RelationshipState.StateText(state.LastState));
                _upsertRelationships.Bind(command, r, 4, state.LastTs);
            }

            command.ExecuteNonQuery();
            start += rows;
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

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
        {
            command.Parameters.Add(new SqliteParameter(p, DBNull.Value));
        }

        return command;
    }

    private static long Scalar(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        return (long)command.ExecuteScalar()!;
    }
}
