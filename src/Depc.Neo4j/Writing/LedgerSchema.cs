using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The uniqueness constraints of the labels kept beside the graph (ledger, teams, feed, instances) and their indexes, created once
/// per store instance before its first write, each in a transaction of its own (Neo4j refuses schema and data together).
/// </summary>
internal sealed class LedgerSchema(Neo4jClient client) : IDisposable
{
    private static readonly (string Label, string Property)[] Unique =
    [
        (LedgerStatements.Position, "key"), (LedgerStatements.TeamCounts, "team"), (LedgerStatements.Idempotency, "key"),
        (Teams.TeamStatements.Team, "name"), (Teams.TeamStatements.Team, "token_hash"), (FeedStatements.Rejection, "key"),
        (InstanceStatements.Instance, "id"),
    ];

    // Old idempotency keys are pruned by age; a deleted team's feed is found by team.
    private static readonly (string Label, string Property)[] Indexed =
        [(LedgerStatements.Idempotency, "created_at"), (FeedStatements.Rejection, "team")];

    private const int SchemaAttempts = 8;

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

            var modern = (await client.GetServerAsync(cancellationToken).ConfigureAwait(false)).Dialect.IsModern;
            foreach (var (label, property) in Unique)
            {
                await CreateAsync(
                    modern
                        ? $"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{label}) REQUIRE n.{property} IS UNIQUE"
                        : $"CREATE CONSTRAINT ON (n:{label}) ASSERT n.{property} IS UNIQUE",
                    cancellationToken).ConfigureAwait(false);
            }

            foreach (var (label, property) in Indexed)
            {
                await CreateAsync(
                    modern
                        ? $"CREATE INDEX IF NOT EXISTS FOR (n:{label}) ON (n.{property})"
                        : $"CREATE INDEX ON :{label}({property})",
                    cancellationToken).ConfigureAwait(false);
            }

            _ready = true;
        }
        finally
        {
            _once.Release();
        }
    }

    public void Dispose() => _once.Dispose();

    private async Task CreateAsync(string text, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.CommitAsync([new CypherStatement(text)], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Neo4jException e) when (Cypher.CypherDialect.MeansAlreadyExists(e.Code))
            {
                // 4.x refuses to create what exists; 3.x and 5.x say nothing.
                return;
            }
            catch (Neo4jException e) when (attempt < SchemaAttempts && e.Code == "Neo.TransientError.Transaction.DeadlockDetected")
            {
                // Instances starting together create the same schema at once, and Neo4j's schema lock deadlocks them
                // (seen with three instances on 3.1.1): a schema statement is idempotent, so the loser runs it again.
                await Task.Delay(Random.Shared.Next(20, 100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
