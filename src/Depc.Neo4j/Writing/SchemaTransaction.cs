using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Schema statements (constraints, indexes) in one transaction of their own: Neo4j refuses schema changes and writes
/// together. Each statement is idempotent on 3.x and 5.x; 4.x refuses the whole transaction when one of them exists,
/// and then each runs on its own.
/// </summary>
internal static class SchemaTransaction
{
    private const int Attempts = 8;

    public static async Task CreateAsync(Neo4jClient client, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(client, statements, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException e) when (CypherDialect.MeansAlreadyExists(e.Code))
        {
            foreach (var statement in statements)
            {
                try
                {
                    await CommitAsync(client, [statement], cancellationToken).ConfigureAwait(false);
                }
                catch (Neo4jException one) when (CypherDialect.MeansAlreadyExists(one.Code))
                {
                }
            }
        }
    }

    private static async Task CommitAsync(Neo4jClient client, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.CommitAsync([.. statements.Select(s => new CypherStatement(s))], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Neo4jException e) when (attempt < Attempts && e.Code == "Neo.TransientError.Transaction.DeadlockDetected")
            {
                // Instances starting together create the same schema at once, and Neo4j's schema lock deadlocks them
                // (seen with three instances on 3.1.1): a schema statement is idempotent, so the loser runs it again.
                await Task.Delay(Random.Shared.Next(20, 100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
