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
/// time (SQLite has a single writer anyway); reads use pooled connections and run beside them.
/// Other processes may use the same file: the write cache notices their writes.
/// </summary>
public sealed class SqliteGraphStore : IGraphStore
{
    private readonly SqliteConnections _connections;
    private readonly SqliteStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writeConnection;
    private BatchWriter? _writer;

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

    public Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken) =>
        WriteAsync(writer => writer.Apply(plan), "batch write", cancellationToken);

    /// <summary>
    /// One transaction for every batch until the commit, holding the store's write lock meanwhile: a bulk load
    /// pays one commit for several batches (each commit writes every index page its batches touched).
    /// </summary>
    public async Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = OpenWriter();
            writer.Begin();
            return new SqliteBulkWrite(this, writer);
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

    private async Task<T> WriteAsync<T>(Func<BatchWriter, T> write, string what, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return write(OpenWriter());
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

    private BatchWriter OpenWriter()
    {
        if (_writer is null)
        {
            _writeConnection = _connections.Open(forWriting: true);
            // The writer prepares its statements at once: the tables must exist first.
            SqliteSchema.Create(_writeConnection);
            _writer = new BatchWriter(_writeConnection, new WriteCache(_options.MaxWriteCacheBytes), _options.MaxPageCacheBytes);
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
        // A fresh connection next time: this one may be in any state after a failure.
        CloseWriter();
        return SqliteErrors.Map(e, what);
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
        _writeConnection?.Dispose();
        _writeConnection = null;
    }

    /// <summary>A bulk write's batches on the writer it holds, until the commit or the end; then the lock is free again.</summary>
    private sealed class SqliteBulkWrite(SqliteGraphStore store, BatchWriter writer) : IBulkWrite
    {
        private bool _open = true;
        private bool _failed;

        public bool IsDue => writer.IsDue;

        public Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Run(() => writer.Write(plan)));
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
            catch (SqliteException e)
            {
                _failed = true;
                throw store.WriterFailed(e, "batch write");
            }
            catch
            {
                _failed = true;
                throw;
            }
        }
    }
}
