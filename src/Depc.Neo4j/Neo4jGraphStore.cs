using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;
using Depc.Neo4j.Reading;
using Depc.Neo4j.Teams;
using Depc.Neo4j.Writing;
using Microsoft.Extensions.Logging;

namespace Depc.Neo4j;

/// <summary>
/// The production graph store: Neo4j over its HTTP transactional Cypher API, in the original system's layout
/// (label <c>&lt;team&gt;_&lt;Label&gt;</c>, <c>DEPENDS_ON</c> with <c>periods</c>, <c>last_state</c>, <c>last_ts</c>).
/// Each write's Kafka positions, team counts, rejection feed entries and idempotency key are nodes of their own labels,
/// locked and written in the write's transaction; teams (<see cref="Teams"/>) and each instance's beat are nodes too, so
/// every instance on the same Neo4j shares them. Failures are <see cref="Neo4jException"/>; the ingestion seam retries
/// the store-wide ones.
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore
{
    private readonly Neo4jClient _client;
    private readonly ConstraintKeeper _constraints;
    private readonly LedgerSchema _ledger;
    private readonly Neo4jBatchWriter _writer;
    private readonly GraphQueries _queries;
    private readonly ImpactWalker _impact;
    private readonly ChangeQueries _changes;

    internal Neo4jGraphStore(Neo4jConnectionString connection, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        Connection = connection;
        _client = new Neo4jClient(connection, handler, logger);
        _constraints = new ConstraintKeeper(_client);
        _ledger = new LedgerSchema(_client);
        _writer = new Neo4jBatchWriter(_client, _constraints, _ledger);
        _queries = new GraphQueries(_client);
        _impact = new ImpactWalker(_client);
        _changes = new ChangeQueries(_client, _queries, _constraints);
        Teams = new Neo4jTeams(_client, _ledger);
    }

    /// <summary>The teams and rejection feeds kept in this Neo4j, shared by every instance on it.</summary>
    public Neo4jTeams Teams { get; }

    /// <summary>The feed's entries are nodes written in each write's transaction.</summary>
    public bool KeepsRejectionFeed => true;

    /// <summary>Where the store is; its <c>ToString()</c> hides the password.</summary>
    public Neo4jConnectionString Connection { get; }

    /// <summary>The server version found by <see cref="InitializeAsync"/>, e.g. <c>3.1.1</c>.</summary>
    public string? ServerVersion { get; private set; }

    /// <summary>A store on one server or the members of a cluster; no I/O until <see cref="InitializeAsync"/>.</summary>
    public static Neo4jGraphStore Create(Neo4jConnectionString connection, ILogger? logger = null) => new(connection, logger: logger);

    /// <summary>Creates the store and checks the server answers (endpoint discovery, version).</summary>
    public static async Task<Neo4jGraphStore> OpenAsync(Neo4jConnectionString connection, CancellationToken cancellationToken, ILogger? logger = null)
    {
        var store = Create(connection, logger);
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

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        ServerVersion = (await _client.GetServerAsync(cancellationToken).ConfigureAwait(false)).Version;

    public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken) => _writer.WriteAsync(write, cancellationToken);

    public Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken) => _writer.ProbeAsync(plan, cancellationToken);

    public async Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(string group, string topic, CancellationToken cancellationToken)
    {
        var positions = new List<StoredPosition>();
        await _client.CommitAsync([LedgerStatements.ReadPositions(group, topic, positions)], cancellationToken).ConfigureAwait(false);
        return positions;
    }

    public async Task<TeamCounts> ReadTeamCountsAsync(TeamName team, CancellationToken cancellationToken)
    {
        var counts = TeamCounts.None;
        await _client.CommitAsync([LedgerStatements.ReadCounts(team, found => counts = found)], cancellationToken).ConfigureAwait(false);
        return counts;
    }

    public Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) => _queries.WriteHeartbeatAsync(unixSeconds, cancellationToken);

    public Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken) => _queries.ReadHeartbeatAsync(cancellationToken);

    public async Task WriteInstanceAsync(InstanceBeat beat, TimeSpan forgetAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beat);
        await _ledger.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _client.CommitAsync([.. InstanceStatements.Write(beat, beat.LastSeenAt - (long)forgetAfter.TotalSeconds)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InstanceBeat>> ReadInstancesAsync(CancellationToken cancellationToken)
    {
        var beats = new List<InstanceBeat>();
        await _client.CommitAsync([InstanceStatements.Read(beats)], cancellationToken).ConfigureAwait(false);
        return beats;
    }

    public Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken) => _queries.GetLabelsAsync(team, cancellationToken);

    public Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken) =>
        _queries.GetNodeNamesAsync(team, label, query, cancellationToken);

    public Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        _queries.GetNodeAsync(team, label, name, cancellationToken);

    public Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        _queries.CountDependenciesAsync(team, label, name, cancellationToken);

    public Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken) =>
        _queries.GetNeighboursAsync(team, label, name, direction, cancellationToken);

    public Task<ImpactSubgraph?> GetImpactSubgraphAsync(TeamName team, string label, string name, CancellationToken cancellationToken) =>
        _impact.WalkAsync(team, label, name, cancellationToken);

    public Task<ChangeCandidates> GetChangeCandidatesAsync(TeamName team, string? label, long t1, long t2, CancellationToken cancellationToken) =>
        _changes.CandidatesAsync(team, label, t1, t2, cancellationToken);

    public Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken) =>
        _queries.DeleteNodeAsync(team, label, name, detach, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _constraints.Dispose();
        _ledger.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Connection.ToString();
}
