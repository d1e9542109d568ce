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
    private readonly SqliteCommand _readRelationship;
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
        _readRelationship = Command("SELECT periods, last_state, last_ts FROM relationships WHERE source_id = @s AND target_id = @t", "@s", "@t");
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
        _readRelationship.Dispose();
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
        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var changed = new List<(long Source, long Target, RelationshipState State)>();
        foreach (var group in plan.Relationships)
        {
            foreach (var rel in group.Relationships)
            {
                var source = _cache.NodeIds[(team, group.SourceLabel, rel.SourceName)];
                var target = _cache.NodeIds[(team, group.TargetLabel, rel.TargetName)];
                var stored = _cache.Relationships.TryGetValue((source, target), out var known) ? known : Read(source, target, transaction);
                var final = RelationshipResolver.Resolve(stored, rel.Events, outcomes, rejections);
                if (final is not null)
                {
                    _cache.Relationships[(source, target)] = final;
                    changed.Add((source, target, final));
                }
            }
        }

        WriteRelationships(changed, transaction);
        rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
        return new BatchResult(outcomes, rejections);
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

    private RelationshipState? Read(long source, long target, SqliteTransaction transaction)
    {
        _readRelationship.Transaction = transaction;
        _readRelationship.Parameters[0].Value = source;
        _readRelationship.Parameters[1].Value = target;
        using var reader = _readRelationship.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var periods = PeriodsCodec.Decode(reader.GetString(0));
        // Graphs written before last_state existed: an odd period list is still open.
        var state = reader.IsDBNull(1)
            ? (periods.Length % 2 == 1 ? LastState.From : LastState.To)
            : reader.GetString(1) == "to" ? LastState.To : LastState.From;
        var lastTs = reader.IsDBNull(2) ? (periods.Length > 0 ? periods[^1] : 0) : reader.GetInt64(2);
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
