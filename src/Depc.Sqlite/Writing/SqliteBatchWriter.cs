using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Depc.Core.Changes;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Writes <see cref="BatchPlan"/>s in IMMEDIATE transactions on the store's single write connection, one per plan
/// or several in one (<see cref="Begin"/>, <see cref="Write"/>…, <see cref="Commit"/>): a row
/// per node whose bounds change, relationship events folded through the period table in memory, then one row per
/// changed relationship, in key order at the commit (<see cref="PendingRelationships"/>). What it knows of the stored
/// graph is in the <see cref="WriteCache"/>, so most messages read nothing back. Only the node rows carry a message's
/// values (names, labels, bounds), so only they can be refused for a message: they are inserted under a savepoint, and
/// a refusal undoes that batch alone (<see cref="RefusedBatchException"/>), leaving the transaction and its earlier
/// batches as they were. Not thread-safe: the store serialises calls.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly WriteCache _cache;
    private readonly RawStatement _upsertNode;
    private readonly RawStatement _insertNode;
    private readonly RawStatement _updateNode;
    private readonly RawStatement _readRelationship;
    private readonly RawStatement _readGeneration;
    private readonly RawStatement _bumpGeneration;
    private readonly RawStatement _anyRelationship;
    private readonly RawStatement _savepoint;
    private readonly RawStatement _release;
    private readonly RawStatement _rollbackToSavepoint;
    private readonly ChangeRows _changeRows;
    private readonly ChangeRecorder<ChangedElement> _changes = new();

    private readonly PendingRelationships _pending;

    // Reused from batch to batch: the ids of the plan's nodes (each label's from its offset, in plan order) and the
    // node rows to update.
    private readonly Dictionary<string, int> _labelOffsets = new(StringComparer.Ordinal);
    private long[] _nodeIds = new long[1024];
    private readonly List<(long Id, long? From, long? To)> _nodeUpdates = [];

    // What the batch's node inserts changed in the cache (the node before, or none when it was added): undone, in
    // reverse, when the store refuses one of them.
    private readonly List<(Dictionary<string, CachedNode> Nodes, string Name, CachedNode? Before)> _nodeUndo = [];
    private SqliteTransaction? _transaction;
    private readonly long _pageCacheCeiling;
    private int _rowsDue;

    /// <summary>True when this transaction writes its relationship rows batch by batch (the file fits in the page cache).</summary>
    private bool _pendingPerBatch;
    private int _rowsInTransaction;

    /// <param name="pageCacheCeiling">The most memory SQLite's page cache may take (see <see cref="SqliteStoreOptions.MaxPageCacheBytes"/>).</param>
    public SqliteBatchWriter(SqliteConnection connection, WriteCache cache, long pageCacheCeiling)
    {
        _connection = connection;
        _cache = cache;
        _pageCacheCeiling = pageCacheCeiling;
        _pending = new PendingRelationships(connection, cache);
        _upsertNode = new RawStatement(
            connection,
            """
            INSERT INTO nodes (team, label, name, "from", "to") VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (team, label, name) DO UPDATE SET "from" = coalesce(excluded."from", nodes."from"), "to" = coalesce(excluded."to", nodes."to")
            RETURNING id, "from", "to"
            """);
        _insertNode = new RawStatement(
            connection,
            """INSERT INTO nodes (team, label, name, "from", "to") VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team, label, name) DO NOTHING""");
        _updateNode = new RawStatement(
            connection,
            """UPDATE nodes SET "from" = coalesce(?2, "from"), "to" = coalesce(?3, "to") WHERE id = ?1""");
        _readRelationship = new RawStatement(connection, "SELECT periods, last_state, last_ts FROM relationships WHERE source_id = ?1 AND target_id = ?2");
        _readGeneration = new RawStatement(connection, "SELECT value FROM meta WHERE key = 'generation'");
        _bumpGeneration = new RawStatement(connection, "UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value");
        _anyRelationship = new RawStatement(connection, "SELECT EXISTS (SELECT 1 FROM relationships)");
        _savepoint = new RawStatement(connection, "SAVEPOINT batch_nodes");
        _release = new RawStatement(connection, "RELEASE batch_nodes");
        _rollbackToSavepoint = new RawStatement(connection, "ROLLBACK TO batch_nodes");
        _changeRows = new ChangeRows(connection);
    }

    /// <summary>
    /// True once the open transaction holds enough rows to be worth its commit: a commit writes every page the
    /// transaction dirtied, about the file's indexes once a file is large, so the rows a commit is due at grow with the
    /// file (10M-message bench: a commit every ~800k rows instead of every ~50k).
    /// </summary>
    public bool IsDue => _rowsInTransaction >= _rowsDue;

    /// <summary>Opens the transaction that <see cref="Write"/> adds batches to until <see cref="Commit"/>.</summary>
    public void Begin()
    {
        _transaction = _connection.BeginTransaction(deferred: false);
        Guard(() =>
        {
            var (fileBytes, cacheBytes) = PageCache.Fit(_connection, _pageCacheCeiling);
            // Key order pays only once the indexes outgrow the page cache. Before that (a new or small file), each
            // batch's rows are written with the batch, while the reader prepares the next one, instead of all at the
            // last commit with nothing left to overlap (200,000 messages, whole process: ~0.94 s instead of ~1.02 s).
            _pendingPerBatch = fileBytes <= cacheBytes;
            _rowsDue = (int)Math.Clamp(fileBytes / 640, 50_000, 2_000_000);
            _rowsInTransaction = 0;
            if (Scalar(_readGeneration) != _cache.Generation)
            {
                _cache.Clear();
                // Starting on a graph without relationships, the cache will hold every one there is.
                _cache.HoldsAllRelationships = Scalar(_anyRelationship) == 0;
            }
        });
    }

    /// <summary>Applies a batch in the open transaction; a later batch sees what an earlier one wrote.</summary>
    public BatchResult Write(BatchPlan plan)
    {
        // Outside a transaction each statement would commit on its own.
        _ = _transaction ?? throw new InvalidOperationException("no write transaction is open");
        _changes.Clear();
        InsertNodes(plan);
        return Guard(() =>
        {
            UpdateNodes();
            var result = ApplyRelationships(plan);
            // The change index goes in the same transaction as the rows it indexes.
            _changeRows.Write(plan.Team.Value, _changes);
            if (_cache.Bytes > _cache.MaxBytes)
            {
                // The pending rows' states are in the cache: written now, the cache may let them go.
                _pending.Flush();
                _cache.Trim();
            }
            else if (_pendingPerBatch)
            {
                _pending.Flush();
            }

            return result;
        });
    }

    public void Commit()
    {
        Guard(() =>
        {
            _pending.Flush();
            _cache.Generation = Scalar(_bumpGeneration);
            _transaction!.Commit();
        });
        _transaction!.Dispose();
        _transaction = null;
        _cache.Trim();
    }

    /// <summary>Ends the open transaction before anything was written in it (a fenced or replayed write): the cache stays.</summary>
    public void EndUnchanged()
    {
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Drops the open transaction, if any, and what the cache learnt in it.</summary>
    public void Rollback()
    {
        if (_transaction is null)
        {
            return;
        }

        // What the cache learnt in a rolled-back transaction is not in the database.
        _cache.Clear();
        _pending.Clear();
        _transaction.Dispose();
        _transaction = null;
    }

    /// <summary>Tells the cache that this connection changed the graph outside a batch (a delete).</summary>
    public void Invalidate() => _cache.Clear();

    public void Dispose()
    {
        Rollback();
        _upsertNode.Dispose();
        _insertNode.Dispose();
        _updateNode.Dispose();
        _pending.Dispose();
        _readRelationship.Dispose();
        _readGeneration.Dispose();
        _bumpGeneration.Dispose();
        _anyRelationship.Dispose();
        _savepoint.Dispose();
        _release.Dispose();
        _rollbackToSavepoint.Dispose();
        _changeRows.Dispose();
    }

    /// <summary>
    /// The plan's nodes found in the cache or inserted, under a savepoint: when the store refuses a value, the rows and
    /// what the cache learnt are undone and <see cref="RefusedBatchException"/> says the transaction goes on without
    /// this batch. Any other failure drops the transaction.
    /// </summary>
    private void InsertNodes(BatchPlan plan)
    {
        _nodeUndo.Clear();
        try
        {
            _savepoint.Execute();
            CacheAndInsertNodes(plan);
            _release.Execute();
        }
        catch (SqliteException e) when (SqliteErrors.IsMessageCaused(e))
        {
            try
            {
                _rollbackToSavepoint.Execute();
                _release.Execute();
            }
            catch
            {
                Rollback();
                throw;
            }

            for (var i = _nodeUndo.Count - 1; i >= 0; i--)
            {
                var (nodes, name, before) = _nodeUndo[i];
                _cache.RestoreNode(nodes, name, before);
            }

            throw new RefusedBatchException(e);
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    private void CacheAndInsertNodes(BatchPlan plan)
    {
        var team = plan.Team.Value;
        _nodeUpdates.Clear();
        _labelOffsets.Clear();
        if (_nodeIds.Length < plan.NodeCount)
        {
            _nodeIds = new long[Math.Max(plan.NodeCount, _nodeIds.Length * 2)];
        }

        var offset = 0;
        foreach (var group in plan.Nodes)
        {
            _labelOffsets.Add(group.Label, offset);
            var cached = _cache.NodesOf(team, group.Label);
            // SQLite keeps a statement's bindings across steps: the group's team and label are bound once, not per node.
            _insertNode.Bind(1, team).Bind(2, group.Label);
            _upsertNode.Bind(1, team).Bind(2, group.Label);
            foreach (var node in group.Nodes)
            {
                var at = offset++;
                // Producers re-send their topology: a known node whose bounds would not change needs no write.
                ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(cached, node.Name);
                if (!Unsafe.IsNullRef(ref known))
                {
                    _nodeIds[at] = known.Id;
                    if (!known.Covers(node.From, node.To))
                    {
                        // The cache is exact while the generation holds: the new bounds need not be read back.
                        _nodeUpdates.Add((known.Id, node.From, node.To));
                        _changes.Node(ChangedElement.Node(known.Id), node.From, node.To);
                        _nodeUndo.Add((cached, node.Name, known));
                        known = known with { From = node.From ?? known.From, To = node.To ?? known.To };
                    }

                    continue;
                }

                // Most nodes missing from the cache are new: inserted as they are, their id is the last rowid. Only a
                // node stored already (by another process, or dropped from the cache) needs the upsert, whose RETURNING
                // costs more than the insert itself (1M-message bench: 70k node inserts 590 ms -> 220 ms).
                _insertNode.Bind(3, node.Name).Bind(4, node.From).Bind(5, node.To).Execute();
                if (_insertNode.Changes() == 1)
                {
                    _nodeIds[at] = _insertNode.LastInsertRowId();
                    _cache.AddNode(cached, node.Name, new CachedNode(_nodeIds[at], node.From, node.To));
                    _nodeUndo.Add((cached, node.Name, null));
                }
                else
                {
                    _upsertNode.Bind(3, node.Name).Bind(4, node.From).Bind(5, node.To).Step();
                    _nodeIds[at] = _upsertNode.Int64(0);
                    _cache.AddNode(cached, node.Name, new CachedNode(_nodeIds[at], _upsertNode.NullableInt64(1), _upsertNode.NullableInt64(2)));
                    _nodeUndo.Add((cached, node.Name, null));
                    _upsertNode.Reset();
                }

                _changes.Node(ChangedElement.Node(_nodeIds[at]), node.From, node.To);
            }
        }
    }

    // New bounds of known nodes: ids and bounds only, nothing the store could refuse for a message.
    private void UpdateNodes()
    {
        // In id order the table is walked once instead of at random (1M-message bench: node updates ~10-15% cheaper).
        // A batch names each node once, so the order of the updates does not change their outcome.
        _nodeUpdates.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var (id, from, to) in _nodeUpdates)
        {
            _updateNode.Bind(1, id).Bind(2, from).Bind(3, to).Execute();
        }
    }

    private BatchResult ApplyRelationships(BatchPlan plan)
    {
        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        long trimmed = 0;
        foreach (var group in plan.Relationships)
        {
            var sources = _labelOffsets[group.SourceLabel];
            var targets = _labelOffsets[group.TargetLabel];
            foreach (var rel in group.Relationships)
            {
                var (source, target) = (_nodeIds[sources + rel.SourceAt], _nodeIds[targets + rel.TargetAt]);
                // One hash lookup finds the cached state and holds the slot for the new one (a failed batch clears the cache).
                var key = (source, target);
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_cache.Relationships, key, out var cached);
                var stored = cached ? _cache.StateOf(key, slot)
                    : _cache.SurelyAbsent(source, target) ? null
                    : Read(source, target);
                var final = RelationshipResolver.Resolve(stored, rel.Events, outcomes, rejections, plan.MaxPeriods, ref trimmed);
                if (final is not null)
                {
                    slot = _cache.Keep(key, final);
                    _pending.Add(source, target);
                    _rowsInTransaction++;
                    _changes.Relationship(new ChangedElement(source, target), stored, final);
                }
                else if (stored is not null)
                {
                    // Unchanged: keep what was read, so that the next event for it reads nothing.
                    slot = cached ? slot : _cache.Keep(key, stored);
                }
                else
                {
                    _cache.Relationships.Remove(key);
                }
            }
        }

        rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
        return new BatchResult(outcomes, rejections) { TrimmedPeriods = trimmed };
    }

    private RelationshipState? Read(long source, long target)
    {
        if (!_readRelationship.Bind(1, source).Bind(2, target).Step())
        {
            return null;
        }

        var periods = PeriodsCodec.Decode(_readRelationship.Text(0)!);
        var lastState = _readRelationship.Text(1);
        var lastTs = _readRelationship.NullableInt64(2);
        _readRelationship.Reset();

        // Graphs written before last_state existed: an odd period list is still open.
        var state = lastState is null
            ? (periods.Length % 2 == 1 ? LastState.From : LastState.To)
            : lastState == "to" ? LastState.To : LastState.From;
        return new RelationshipState(periods, state, lastTs ?? (periods.Length > 0 ? periods[^1] : 0));
    }

    private void Guard(Action step) => Guard(() =>
    {
        step();
        return 0;
    });

    // A failed step leaves no transaction open, and the cache without what it learnt in it.
    private T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    private static long Scalar(RawStatement statement)
    {
        statement.Step();
        var value = statement.Int64(0);
        statement.Reset();
        return value;
    }
}
