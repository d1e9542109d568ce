using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Kafka.Tests.Support;

/// <summary>
/// A real store whose writes, while <see cref="Holding"/>, leave the writer but stay on the wire until
/// <see cref="Release"/>: the worker sees its write cancelled when its partition goes (or it stops), yet the write
/// itself still reaches the store later, as a write already sent by an instance that lost its partition (frozen,
/// cut off) does. Everything else goes straight to the store.
/// </summary>
internal sealed class ZombieStore(IGraphStore store) : IGraphStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task<WriteOutcome>> _held = [];

    public bool Holding { get; set; } = true;

    /// <summary>The held writes, each completing with its outcome once released.</summary>
    public IReadOnlyList<Task<WriteOutcome>> Held
    {
        get
        {
            lock (_held)
            {
                return [.. _held];
            }
        }
    }

    public void Release() => _release.TrySetResult();

    public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        if (!Holding)
        {
            return store.WriteAsync(write, cancellationToken);
        }

        var late = Task.Run(async () =>
        {
            await _release.Task.ConfigureAwait(false);
            return await store.WriteAsync(write, CancellationToken.None).ConfigureAwait(false);
        });
        lock (_held)
        {
            _held.Add(late);
        }

        return late.WaitAsync(cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken) => store.ProbeAsync(plan, cancellationToken);

    public Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken) => store.BeginBulkWriteAsync(cancellationToken);

    public bool KeepsRejectionFeed => store.KeepsRejectionFeed;

    public Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(string group, string topic, CancellationToken cancellationToken) => store.ReadPositionsAsync(group, topic, cancellationToken);

    public Task<TeamCounts> ReadTeamCountsAsync(TeamName team, CancellationToken cancellationToken) => store.ReadTeamCountsAsync(team, cancellationToken);

    public Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) => store.WriteHeartbeatAsync(unixSeconds, cancellationToken);

    public Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken) => store.ReadHeartbeatAsync(cancellationToken);

    public Task WriteInstanceAsync(InstanceBeat beat, TimeSpan forgetAfter, CancellationToken cancellationToken) => store.WriteInstanceAsync(beat, forgetAfter, cancellationToken);

    public Task<IReadOnlyList<InstanceBeat>> ReadInstancesAsync(CancellationToken cancellationToken) => store.ReadInstancesAsync(cancellationToken);

    public Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken) => store.GetLabelsAsync(team, cancellationToken);

    public Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken) => store.GetNodeNamesAsync(team, label, query, cancellationToken);

    public Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => store.GetNodeAsync(team, label, name, cancellationToken);

    public Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => store.CountDependenciesAsync(team, label, name, cancellationToken);

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken) => store.GetNeighboursAsync(team, label, name, direction, cancellationToken);

    public Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken) => store.GetImpactSubgraphAsync(team, label, name, cancellationToken);

    public Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken) => store.DeleteNodeAsync(team, label, name, detach, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
