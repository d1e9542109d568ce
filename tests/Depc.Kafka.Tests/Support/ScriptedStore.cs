using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Kafka.Tests.Support;

/// <summary>
/// A store for unit tests: fails transiently a given number of times, refuses (non-transiently)
/// any batch naming a "poison" node, otherwise accepts every message and remembers the node names.
/// </summary>
internal sealed class ScriptedStore : IGraphStore
{
    private volatile bool _unavailable;
    private int _calls;

    public int TransientFailures { get; set; }

    /// <summary>While true, every write fails transiently (settable from another thread than the writer's).</summary>
    public bool Unavailable
    {
        get => _unavailable;
        set => _unavailable = value;
    }

    public HashSet<string> Poison { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every write throws what it makes (an exception that is not a store refusal).</summary>
    public Func<Exception>? Failure { get; set; }

    public List<string> Applied { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The message count of every write attempted, in order.</summary>
    public List<int> Writes { get; } = [];

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Writes)
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
            throw new StoreException("database is locked", isTransient: true);
        }

        var names = plan.Nodes.SelectMany(l => l.Nodes).Select(n => n.Name).ToList();
        if (names.Any(Poison.Contains))
        {
            throw new StoreException("constraint failed", isTransient: false);
        }

        Applied.AddRange(names);
        return Task.FromResult(new BatchResult([.. Enumerable.Repeat(MessageOutcome.Accepted, plan.MessageCount)], []));
    }

    public Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
