using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Sqlite.Reading;
using Depc.Sqlite.Schema;
using Depc.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes go through one connection, one at a
/// time (SQLite has a single writer anyway), each a durable transaction that also holds the write's Kafka
/// positions, counts, feed entries and idempotency key (<see cref="LedgerWriter"/>); reads use pooled connections and
/// run beside them. Other processes may use the same file: the write cache notices their writes.
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private readonly SqliteConnections _connections;
    private readonly SqliteStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writeConnection;
    private SqliteBatchWriter? _writer;
    private LedgerWriter? _ledger;

    public SqliteGraphStore(SqliteStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        if (options.MaxWriteCacheBytes < 1024 || options.MaxPageCacheBytes < 1024)
        {
            throw new ArgumentException(
                $"{SqliteStoreOptions.Section}:{nameof(options.MaxWriteCacheBytes)} and {SqliteStoreOptions.Section}:{nameof(options.MaxPageCacheBytes)} must be at least 1024 bytes",
                nameof(options));
        }

        _options = options;
        _connections = new SqliteConnections(options);
    }

    public string Path => _options.Path;

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>, with the default settings.</summary>
    public static Task<SqliteGraphStore> OpenAsync(string path, CancellationToken cancellationToken) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, cancellationToken);

    /// <summary>Opens (creating if needed) the store <paramref name="options"/> describe.</summary>
    public static async Task<SqliteGraphStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var store = new SqliteGraphStore(options);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        WriteAsync(_ => true, "initialisation", cancellationToken);

    public bool BulkWritesShareTransactions => true;

    /// <summary>The feed is a table of this file, written in each write's transaction.</summary>
    public bool KeepsRejectionFeed => true;

    public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync(
            writer =>
            {
                writer.Begin();
                var ledger = _ledger!;
                if (ledger.Answer(write) is { } answer)
                {
                    writer.EndUnchanged();
                    return WriteOutcome.Replayed(write, answer);
                }

                if (ledger.Fence(write) is { } stored)
                {
                    writer.EndUnchanged();
                    return WriteOutcome.Fenced(write, stored);
                }

                var outcome = Apply(writer, ledger, write);
                writer.Commit();
                return outcome;
            },
            "batch write",
            cancellationToken);
    }

    public Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken) =>
        WriteAsync(
            writer =>
            {
                writer.Begin();
                writer.Write(plan);
                writer.Rollback();
                return 0;
            },
            "probe",
            cancellationToken);

    public Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(string group, string topic, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredPosition>>(c => LedgerReader.Positions(c, group, topic), cancellationToken);

    public Task<TeamCounts> ReadTeamCountsAsync(TeamName team, CancellationToken cancellationToken) =>
        ReadAsync(c => LedgerReader.Counts(c, team), cancellationToken);

    /// <summary>
    /// One transaction for every batch until the commit (when <see cref="IBulkWrite.IsDue"/> says so), holding the
    /// store's write lock meanwhile: a bulk load pays one commit for several batches (each commit writes every index
    /// page its batches touched). Its commit does not wait for the disk (<c>synchronous = NORMAL</c>): a bulk load is
    /// done only when it ends, and <see cref="FlushAsync"/> then makes all of it durable with one fsync (1M-message
    /// ingest: ~10 % faster than an fsync per commit on this machine's disk). This is safe because a bulk write takes
    /// no Kafka position nor idempotency key, and its counts commit in the transaction of the batch they count: in WAL
    /// mode an OS crash before the flush loses whole transactions from the end of the log (checksums stop recovery at
    /// the last complete one), never a part of one, so nothing stored is ahead of the data; a killed process loses
    /// nothing committed (the log is in the OS's cache).
    /// </summary>
    public async Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = OpenWriter();
            Synchronous("NORMAL");
            writer.Begin();
            return new SqliteBulkWrite(this, writer, _ledger!);
        }
        catch (SqliteException e)
        {
            var failure = WriterFailed(e, "batch write");
            _writeLock.Release();
            throw failure;
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    /// <summary>Makes the bulk writes committed so far durable: a tiny transaction committed with an fsync of the write-ahead log, which holds them all.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        WriteAsync(
            writer =>
            {
                writer.Begin();
                writer.Commit();
                return 0;
            },
            "flush",
            cancellationToken);

    public Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) =>
        WriteAsync(
            _ =>
            {
                using var command = GraphReader.Command(
                    _writeConnection!,
                    "INSERT INTO monitoring (name, value) VALUES ('heartbeat', @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    ("@v", unixSeconds));
                return command.ExecuteNonQuery();
            },
            "heartbeat",
            cancellationToken);

    public Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken) =>
        ReadAsync(GraphReader.Heartbeat, cancellationToken);

    public Task WriteInstanceAsync(InstanceBeat beat, TimeSpan forgetAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        return WriteAsync(_ => InstanceRows.Write(_writeConnection!, beat, beat.LastSeenAt - (long)forgetAfter.TotalSeconds), "instance beat", cancellationToken);
    }

    public Task<IReadOnlyList<InstanceBeat>> ReadInstancesAsync(CancellationToken cancellationToken) =>
        ReadAsync(InstanceRows.Read, cancellationToken);

    public Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<LabelCount>>(c => GraphReader.Labels(c, team), cancellationToken);

    public Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>(c => GraphReader.NodeNames(c, team, label, query), cancellationToken);

    public Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        ReadAsync(c => GraphReader.Node(c, team, label, name), cancellationToken);

    public Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        ReadAsync(c => GraphReader.CountDependencies(c, team, label, name), cancellationToken);

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Neighbour>>(c => GraphReader.Neighbours(c, team, label, name, direction), cancellationToken);

    public Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        ReadAsync(c => ImpactReader.Read(c, team, label, name), cancellationToken);

    public Task<ChangeCandidates> GetChangeCandidatesAsync(TeamName team, string? label, long t1, long t2, CancellationToken cancellationToken) =>
        ReadAsync(c => ChangeReader.Candidates(c, team, label, t1, t2), cancellationToken);

    public Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken) =>
        WriteAsync(
            writer =>
            {
                writer.Invalidate();
                return NodeDeletion.Delete(_writeConnection!, team, label, name, detach);
            },
            "delete",
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseWriter();
        }
        finally
        {
            _writeLock.Release();
        }

        _writeLock.Dispose();
    }

    private async Task<T> WriteAsync<T>(Func<SqliteBatchWriter, T> write, string what, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return write(OpenWriter());
        }
        catch (RefusedBatchException e)
        {
            // The connection is sound: only this write's transaction ends.
            _writer?.Rollback();
            throw SqliteErrors.Map(e.Refusal, what);
        }
        catch (SqliteException e)
        {
            throw WriterFailed(e, what);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteBatchWriter OpenWriter()
    {
        if (_writer is null)
        {
            _writeConnection = _connections.Open(forWriting: true);
            // The writer prepares its statements at once: the tables must exist first.
            SqliteSchema.Create(_writeConnection);
            _writer = new SqliteBatchWriter(_writeConnection, new WriteCache(_options.MaxWriteCacheBytes), _options.MaxPageCacheBytes);
            _ledger = new LedgerWriter(_writeConnection);
        }

        return _writer;
    }

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = _connections.Open(forWriting: false);
            return Task.FromResult(read(connection));
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Map(e, "query");
        }
    }

    private StoreException WriterFailed(SqliteException e, string what)
    {
        // A fresh connection next time: this one may be in any state after a failure, and one that SQLite opened
        // read-only (the file was) would stay so, so it must not come back from the pool either.
        if (_writeConnection is { } failed)
        {
            SqliteConnection.ClearPool(failed);
        }

        CloseWriter();
        return SqliteErrors.Map(e, what);
    }

    // Between transactions only (SQLite refuses to change it inside one); every write but a bulk one is FULL.
    private void Synchronous(string level)
    {
        using var command = _writeConnection!.CreateCommand();
        command.CommandText = $"PRAGMA synchronous = {level}";
        command.ExecuteNonQuery();
    }

    // The plan (nothing to do for a write that only moves positions and counts), then what commits with it.
    private static WriteOutcome Apply(SqliteBatchWriter writer, LedgerWriter ledger, StoreWrite write)
    {
        var plan = write.Batch.Plan;
        var result = plan.MessageCount > 0 ? writer.Write(plan) : BatchResult.Empty;
        var completed = write.Complete(result);
        ledger.Record(write, completed);
        return WriteOutcome.Written(write, completed.Report, result);
    }

    private void CloseWriter()
    {
        _ledger?.Dispose();
        _ledger = null;
        _writer?.Dispose();
        _writer = null;
        _writeConnection?.Dispose();
        _writeConnection = null;
    }

    /// <summary>
    /// A bulk write's batches on the writer it holds, until the commit or the end; then the lock is free again. A batch
    /// refused for a value it carries is undone alone (<see cref="RefusedBatchException"/>) and the bulk write goes on.
    /// It takes no Kafka position nor idempotency key: those may refuse a write, which could not be undone alone in a
    /// shared transaction.
    /// </summary>
    private sealed class SqliteBulkWrite(SqliteGraphStore store, SqliteBatchWriter writer, LedgerWriter ledger) : IBulkWrite
    {
        private bool _open = true;
        private bool _failed;

        public bool IsDue => writer.IsDue;

        public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(write);
            if (write.Positions.Count > 0 || write.Idempotency is not null)
            {
                throw new ArgumentException("a bulk write takes no Kafka position nor idempotency key", nameof(write));
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Run(() => Apply(writer, ledger, write)));
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Run(() =>
            {
                writer.Commit();
                return 0;
            });
            return DisposeAsync().AsTask();
        }

        public ValueTask DisposeAsync()
        {
            if (_open)
            {
                _open = false;
                // Rolls back what was not committed (nothing after a commit or a failure).
                store._writer?.Rollback();
                if (store._writeConnection is not null)
                {
                    store.Synchronous("FULL");
                }

                store._writeLock.Release();
            }

            return ValueTask.CompletedTask;
        }

        private T Run<T>(Func<T> step)
        {
            if (!_open || _failed)
            {
                throw new InvalidOperationException("this bulk write is over: it was committed, disposed or failed");
            }

            try
            {
                return step();
            }
            catch (RefusedBatchException e)
            {
                // The refused write was undone; the bulk write goes on with the writes before it.
                throw SqliteErrors.Map(e.Refusal, "batch write");
            }
            catch (SqliteException e)
            {
                _failed = true;
                var failure = store.WriterFailed(e, "batch write");
                // Past the node rows nothing a message gave is written, and the writes of the whole bulk write are gone:
                // no message can be isolated, the store is failing.
                throw failure.IsMessageCaused ? StoreException.StoreWide("the bulk write failed: " + failure.Message, e) : failure;
            }
            catch
            {
                _failed = true;
                throw;
            }
        }
    }
}
