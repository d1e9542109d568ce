using Depc.Core.Naming;
using Depc.Core.Planning;

namespace Depc.Core.Storage;

/// <summary>
/// The seam between the pipeline and a graph store (SQLite, Neo4j). Labels are given without the
/// team prefix and have passed <see cref="GraphNames.IsValidLabel(ReadOnlySpan{char})"/>; a store
/// never lets one team's call read or change another team's nodes. Failures are <see cref="StoreException"/>.
/// </summary>
public interface IGraphStore : IAsyncDisposable
{
    /// <summary>Creates schema if needed; called once before use.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One durable transaction: the plan, the team's counts, the claimed Kafka positions, the feed entries (when the
    /// store keeps the feed) and the idempotency key, all or nothing. The stored positions are read and locked first:
    /// a claim that starts below its partition's stored position fences the whole write (nothing applied), and a key
    /// seen before replays its answer (nothing applied). Failures are <see cref="StoreException"/>s of either kind.
    /// </summary>
    Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken);

    /// <summary>Applies the plan in a transaction that is rolled back: throws what writing it would throw (isolating a refused message).</summary>
    Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a bulk write, for a loader that reports nothing before the end: by default each write is committed on its
    /// own as it comes; the SQLite store keeps one transaction open until the commit, so several batches share its
    /// cost. A store's other writers wait meanwhile.
    /// </summary>
    Task<IBulkWrite> BeginBulkWriteAsync(CancellationToken cancellationToken) => Task.FromResult<IBulkWrite>(new TransactionPerBatch(this));

    /// <summary>
    /// True when a bulk write's batches share one store transaction (<see cref="BeginBulkWriteAsync"/>), so a small
    /// batch costs no more than its share of a large one; otherwise each batch pays a transaction of its own.
    /// </summary>
    bool BulkWritesShareTransactions => false;

    /// <summary>
    /// Makes every committed write durable. <see cref="WriteAsync"/> commits durably already; a store whose bulk writes
    /// commit without waiting for the disk (SQLite) makes them durable here, at the end of a bulk load.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when <see cref="WriteAsync"/> records the write's rejections in the team's feed itself (<see cref="StoreWrite.Feed"/>).</summary>
    bool KeepsRejectionFeed => false;

    /// <summary>The stored positions of a consumer group in a topic's partitions (those never written are absent).</summary>
    Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(string group, string topic, CancellationToken cancellationToken);

    /// <summary>The team's counts over every write, every path and every instance.</summary>
    Task<TeamCounts> ReadTeamCountsAsync(TeamName team, CancellationToken cancellationToken);

    /// <summary>Writes the ingestion heartbeat (<c>Monitoring {name: 'heartbeat', value: ts}</c>).</summary>
    Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken);

    /// <summary>Reads the heartbeat, null when none was written.</summary>
    Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records this instance's beat (its own node or row, beside the shared heartbeat) and forgets instances not seen
    /// for <paramref name="forgetAfter"/>.
    /// </summary>
    Task WriteInstanceAsync(InstanceBeat beat, TimeSpan forgetAfter, CancellationToken cancellationToken);

    /// <summary>Every instance's last beat, by id.</summary>
    Task<IReadOnlyList<InstanceBeat>> ReadInstancesAsync(CancellationToken cancellationToken);

    /// <summary>The team's labels with their node counts, sorted by label.</summary>
    Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken);

    Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken);

    /// <summary>The number of outgoing <c>DEPENDS_ON</c> of a node (0 when the node is absent).</summary>
    Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken);

    /// <summary>The direct neighbours of a node in one direction, whatever their activity.</summary>
    Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken);

    /// <summary>The node and every node that depends on it, transitively; null when the node is absent.</summary>
    Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The team's nodes and relationships (or only those of <paramref name="label"/>: its nodes, and the relationships
    /// with a node of it at either end) whose activity may differ between <paramref name="t1"/> and
    /// <paramref name="t2"/>: all that do, read from the store's change index, so the cost follows the changes in
    /// between, not the graph's size; a few that do not are allowed.
    /// </summary>
    Task<ChangeCandidates> GetChangeCandidatesAsync(TeamName team, string? label, long t1, long t2, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} keeps no change index: it cannot answer a diff");

    Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken);
}
