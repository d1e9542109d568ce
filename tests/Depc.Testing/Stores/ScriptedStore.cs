using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Testing.Stores;

/// <summary>
/// A store for unit tests of what sits on the store seam: fails store-wide a given number of times (or while
/// <see cref="Unavailable"/>), refuses as message-caused any plan naming a "poison" node, keeps Kafka positions (and
/// fences a claim below them) and counts; otherwise accepts every message and remembers the node names in order.
/// The real stores are held to the seam's contract by the conformance suite (tests/Depc.StoreScenarios).
/// </summary>
public sealed class ScriptedStore : IGraphStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, int), long> _positions = [];
    private volatile bool _unavailable;
    private int _calls;
    private TeamCounts _counts = TeamCounts.None;

    public int TransientFailures { get; set; }

    /// <summary>While true, every write fails store-wide (settable from another thread than the writer's).</summary>
    public bool Unavailable
    {
        get => _unavailable;
        set => _unavailable = value;
    }

    public HashSet<string> Poison { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every write throws what it makes (an exception that is not a store failure).</summary>
    public Func<Exception>? Failure { get; set; }

    /// <summary>Waited for at the start of every write (a slow store, a store stuck until released).</summary>
    public Func<CancellationToken, Task>? Gate { get; set; }

    public List<string> Applied { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The message count of every write attempted (probes included), in order.</summary>
    public List<int> Writes { get; } = [];

    /// <summary>The claims of every committed write, in order.</summary>
    public List<PositionClaim> Claims { get; } = [];

    /// <summary>How many partitions each committed write claimed positions for, in order.</summary>
    public List<int> PartitionsPerWrite { get; } = [];

    /// <summary>The counts of every committed write, all teams together.</summary>
    public TeamCounts Counts
    {
        get
        {
            lock (_lock)
            {
                return _counts;
            }
        }
    }

    public long Received => Counts.Received;

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        Attempt(write.Batch.Plan);
        if (Gate is { } gate)
        {
            await gate(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var stored = write.Positions.Select(c => new StoredPosition(c.Topic, c.Partition, _positions.GetValueOrDefault((c.Topic, c.Partition), -1))).ToList();
            if (write.Positions.Where((c, i) => stored[i].Next > c.First).Any())
            {
                return WriteOutcome.Fenced(write, stored);
            }

            var result = new BatchResult([.. Enumerable.Repeat(MessageOutcome.Accepted, write.Batch.Plan.MessageCount)], []);
            Applied.AddRange(Names(write.Batch.Plan));
            foreach (var claim in write.Positions)
            {
                _positions[(claim.Topic, claim.Partition)] = claim.Next;
                Claims.Add(claim);
            }

            PartitionsPerWrite.Add(write.Positions.Count);

            var completed = write.Complete(result);
            var c = completed.Counts;
            _counts = new TeamCounts(_counts.Received + c.Received, _counts.Accepted + c.Accepted, _counts.Rejected + c.Rejected, _counts.Duplicates + c.Duplicates, c.LastMessageAt ?? _counts.LastMessageAt);
            return WriteOutcome.Written(write, completed.Report, result);
        }
    }

    /// <summary>
    /// When true, a bulk write applies each write as it comes, and a write it refuses for a poison name is undone alone
    /// (what <see cref="IBulkWrite.WriteAsync"/> promises, as in SQLite's shared transaction); otherwise each batch is a
    /// transaction of its own.
    /// </summary>
    public bool SharesBulkWrites { get; set; }

    public bool BulkWritesShareTransactions => SharesBulkWrites;

    public Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IBulkWrite>(SharesBulkWrites ? new SharedBulkWrite(this) : new TransactionPerBatch(this));

    public Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        Attempt(plan);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(string group, string topic, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredPosition>>([.. _positions.Where(p => p.Key.Item1 == topic).Select(p => new StoredPosition(topic, p.Key.Item2, p.Value))]);
        }
    }

    public Task<TeamCounts> ReadTeamCountsAsync(TeamName team, CancellationToken cancellationToken) => Task.FromResult(Counts);

    public Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task WriteInstanceAsync(InstanceBeat beat, TimeSpan forgetAfter, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<InstanceBeat>> ReadInstancesAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    // The pipeline reads a team's labels to keep it within its label limit: this store keeps none.
    public Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LabelCount>>([]);

    public Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Writes are applied as they come (Attempt refuses before anything is applied): the commit has nothing left to do.
    private sealed class SharedBulkWrite(ScriptedStore store) : IBulkWrite
    {
        public bool IsDue => false;

        public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken) => store.WriteAsync(write, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static IEnumerable<string> Names(BatchPlan plan) => plan.Nodes.SelectMany(l => l.Nodes).Select(n => n.Name);

    private void Attempt(BatchPlan plan)
    {
        Interlocked.Increment(ref _calls);
        lock (_lock)
        {
            Writes.Add(plan.MessageCount);
        }

        if (Failure is { } failure)
        {
            throw failure();
        }

        if (Unavailable || TransientFailures > 0)
        {
            TransientFailures = Math.Max(0, TransientFailures - 1);
            throw StoreException.StoreWide("database is locked");
        }

        if (Names(plan).Any(Poison.Contains))
        {
            throw StoreException.MessageCaused("constraint failed");
        }
    }
}
