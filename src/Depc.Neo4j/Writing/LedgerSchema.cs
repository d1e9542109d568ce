using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The uniqueness constraints of the labels kept beside the graph (ledger, teams, feed, instances) and their indexes, created once
/// per store instance before its first write, in one transaction of their own (Neo4j refuses schema and data together);
/// then the planner's seed.
/// </summary>
/// <remarks>
/// <b>The planner's seed.</b> A write finds its nodes by id (<c>MATCH (s) WHERE id(s) = row.s</c>). Neo4j's cost planner
/// (seen on 3.1.1) plans that as a scan of every node when the database holds fewer than five nodes, because the scan
/// then looks cheaper than the seek. The plan is cached, and within a transaction it scans the nodes the transaction
/// created too. So the first write into an empty database was quadratic: 20,000 relationships over 6,000 new nodes took
/// 55 s instead of 1 s. A first write that outlasted the request timeout would have failed the same way on every retry:
/// rolled back, its nodes are never committed, so the planner keeps seeing an empty database.
/// A few committed nodes of their own label, outside every team's namespace, make the seek the cheaper plan from the
/// first statement on.
/// </remarks>
internal sealed class LedgerSchema(Neo4jClient client) : IDisposable
{
    private static readonly (string Label, string Property)[] Unique =
    [
        (LedgerStatements.Position, "key"), (LedgerStatements.TeamCounts, "team"), (LedgerStatements.Idempotency, "key"),
        (Teams.TeamStatements.Team, "name"), (Teams.TeamStatements.Team, "token_hash"), (FeedStatements.Rejection, "key"),
        (InstanceStatements.Instance, "id"), (PlannerSeed, "n"),
    ];

    // Old idempotency keys are pruned by age; a deleted team's feed is found by team.
    private static readonly (string Label, string Property)[] Indexed =
        [(LedgerStatements.Idempotency, "created_at"), (FeedStatements.Rejection, "team")];

    private const string PlannerSeed = "`_Depc_PlannerSeed`";

    // Three times the smallest count that makes 3.1.1 seek: the threshold is the planner's estimate, not a contract.
    private const int PlannerSeedNodes = 16;

    private readonly SemaphoreSlim _once = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _once.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            var dialect = (await client.GetServerAsync(cancellationToken).ConfigureAwait(false)).Dialect;
            var schema = Unique.Select(u => dialect.UniqueConstraint(u.Label, u.Property))
                .Concat(Indexed.Select(i => dialect.PropertyIndex(i.Label, i.Property)))
                .ToList();
            await SchemaTransaction.CreateAsync(client, schema, cancellationToken).ConfigureAwait(false);
            await client.CommitAsync(
                [new CypherStatement($"UNWIND range(1, {PlannerSeedNodes}) AS n MERGE (:{PlannerSeed} {{n: n}})")], cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _once.Release();
        }
    }

    public void Dispose() => _once.Dispose();
}
