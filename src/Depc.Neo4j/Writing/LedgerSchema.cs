using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The uniqueness constraints of the ledger's labels (and the index that prunes old idempotency keys), created once
/// per store instance before its first write, each in a transaction of its own (Neo4j refuses schema and data together).
/// </summary>
internal sealed class LedgerSchema(Neo4jClient client) : IDisposable
{
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
            foreach (var (label, property) in new[] { (LedgerStatements.Position, "key"), (LedgerStatements.TeamCounts, "team"), (LedgerStatements.Idempotency, "key") })
            {
                await CreateAsync(
                    modern
                        ? $"CREATE CONSTRAINT IF NOT EXISTS FOR (n:{label}) REQUIRE n.{property} IS UNIQUE"
                        : $"CREATE CONSTRAINT ON (n:{label}) ASSERT n.{property} IS UNIQUE",
                    cancellationToken).ConfigureAwait(false);
            }

            await CreateAsync(
                modern
                    ? $"CREATE INDEX IF NOT EXISTS FOR (n:{LedgerStatements.Idempotency}) ON (n.created_at)"
                    : $"CREATE INDEX ON :{LedgerStatements.Idempotency}(created_at)",
                cancellationToken).ConfigureAwait(false);
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
        try
        {
            await client.CommitAsync([new CypherStatement(text)], cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException e) when (Cypher.CypherDialect.MeansAlreadyExists(e.Code))
        {
            // 4.x refuses to create what exists; 3.x and 5.x say nothing.
        }
    }
}
