using System.Collections.Concurrent;
using Depc.Core.Naming;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Creates the schema a label needs the first time this instance sees it: the uniqueness constraint on <c>name</c>,
/// and indexes on <c>from</c> and <c>to</c> (a diff finds the nodes whose bounds lie between two moments through
/// them); for a team, the index of its change-index nodes. They run in a transaction of their own, before the write:
/// Neo4j refuses schema changes and writes in one transaction.
/// </summary>
internal sealed class ConstraintKeeper(Neo4jClient client) : IDisposable
{
    // Every team's labels, up to Depc:Limits:MaxLabelsPerTeam each: bounded by characters, past which the labels are
    // forgotten and their schema ensured again as they come (an "already exists" answer).
    private const long MaxKnownChars = 4L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private long _knownChars;

    public async Task EnsureAsync(TeamName team, IEnumerable<string> labels, CancellationToken cancellationToken)
    {
        foreach (var label in labels)
        {
            var escaped = CypherText.Label(team, label);
            await EnsureAsync(
                escaped,
                dialect => [dialect.UniqueNameConstraint(escaped), dialect.PropertyIndex(escaped, "from"), dialect.PropertyIndex(escaped, "to")],
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The index on <c>bucket</c> of the team's change-index nodes.</summary>
    public Task EnsureChangesAsync(TeamName team, CancellationToken cancellationToken)
    {
        var escaped = CypherText.ChangesLabel(team);
        return EnsureAsync(escaped, dialect => [dialect.PropertyIndex(escaped, "bucket")], cancellationToken);
    }

    public void Dispose() => _schema.Dispose();

    private async Task CreateUnlessExistsAsync(string statement, CancellationToken cancellationToken)
    {
        try
        {
            await client.CommitAsync([new CypherStatement(statement)], cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException e) when (CypherDialect.MeansAlreadyExists(e.Code))
        {
        }
    }

    private async Task EnsureAsync(string escapedLabel, Func<CypherDialect, string[]> statements, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(escapedLabel))
        {
            return;
        }

        var server = await client.GetServerAsync(cancellationToken).ConfigureAwait(false);

        // Schema changes of this process one at a time: concurrent ones deadlock on the schema lock.
        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_known.ContainsKey(escapedLabel))
            {
                return;
            }

            var schema = statements(server.Dialect);
            try
            {
                await client.CommitAsync([.. schema.Select(s => new CypherStatement(s))], cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jException e) when (CypherDialect.MeansAlreadyExists(e.Code))
            {
                // 4.x refuses the whole transaction when one of them exists: each on its own, then.
                foreach (var statement in schema)
                {
                    await CreateUnlessExistsAsync(statement, cancellationToken).ConfigureAwait(false);
                }
            }

            if (_knownChars > MaxKnownChars)
            {
                _known.Clear();
                _knownChars = 0;
            }

            _known.TryAdd(escapedLabel, true);
            _knownChars += escapedLabel.Length;
        }
        finally
        {
            _schema.Release();
        }
    }
}
