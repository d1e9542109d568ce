using System.Collections.Concurrent;
using Depc.Core.Naming;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Creates the uniqueness constraint on <c>name</c> the first time this instance sees a label. Each runs in a
/// transaction of its own, before the write: Neo4j refuses schema changes and writes in one transaction.
/// </summary>
internal sealed class ConstraintKeeper(Neo4jClient client) : IDisposable
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _schema = new(1, 1);

    public async Task EnsureAsync(TeamName team, IEnumerable<string> labels, CancellationToken cancellationToken)
    {
        foreach (var label in labels)
        {
            var escaped = CypherText.Label(team, label);
            if (_known.ContainsKey(escaped))
            {
                continue;
            }

            var server = await client.GetServerAsync(cancellationToken).ConfigureAwait(false);

            // Schema changes of this process one at a time: concurrent ones deadlock on the schema lock.
            await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_known.ContainsKey(escaped))
                {
                    await client.CommitAsync([new CypherStatement(server.Dialect.UniqueNameConstraint(escaped))], cancellationToken).ConfigureAwait(false);
                    _known.TryAdd(escaped, true);
                }
            }
            catch (Neo4jException e) when (CypherDialect.MeansAlreadyExists(e.Code))
            {
                _known.TryAdd(escaped, true);
            }
            finally
            {
                _schema.Release();
            }
        }
    }

    public void Dispose() => _schema.Dispose();
}
