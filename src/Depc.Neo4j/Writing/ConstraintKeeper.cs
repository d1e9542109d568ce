using System.Collections.Concurrent;
using Depc.Core.Naming;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Creates the schema a label needs the first time this instance sees it: the uniqueness constraint on <c>name</c>,
/// and indexes on <c>from</c> and <c>to</c> (a diff finds the nodes whose bounds lie between two moments through
/// them); for a team, the index of its change-index nodes. A batch's labels go in one transaction of their own, before the
/// write: Neo4j refuses schema changes and writes in one transaction.
/// </summary>
internal sealed class ConstraintKeeper(Neo4jClient client) : IDisposable
{
    // Every team's labels, up to Depc:Limits:MaxLabelsPerTeam each: bounded by characters, past which the labels are
    // forgotten and their schema ensured again as they come (an "already exists" answer).
    private const long MaxKnownChars = 4L * 1024 * 1024;

    // The labels whose schema one transaction creates: a batch's labels usually go in one request, a batch of
    // thousands of labels in requests of bounded size.
    private const int LabelsPerRequest = 32;

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private long _knownChars;

    /// <summary>The schema of the labels, and of the team's change-index nodes when <paramref name="withChanges"/>.</summary>
    public Task EnsureAsync(TeamName team, IEnumerable<string> labels, bool withChanges, CancellationToken cancellationToken)
    {
        var schemas = labels.Select(label => LabelSchema(CypherText.Label(team, label)));
        return EnsureAsync([.. withChanges ? schemas.Append(ChangesSchema(team)) : schemas], cancellationToken);
    }

    /// <summary>The index on <c>bucket</c> of the team's change-index nodes.</summary>
    public Task EnsureChangesAsync(TeamName team, CancellationToken cancellationToken) => EnsureAsync([ChangesSchema(team)], cancellationToken);

    public void Dispose() => _schema.Dispose();

    private static Schema LabelSchema(string escaped) =>
        new(escaped, dialect => [dialect.UniqueNameConstraint(escaped), dialect.PropertyIndex(escaped, "from"), dialect.PropertyIndex(escaped, "to")]);

    private static Schema ChangesSchema(TeamName team)
    {
        var escaped = CypherText.ChangesLabel(team);
        return new(escaped, dialect => [dialect.PropertyIndex(escaped, "bucket")]);
    }

    private async Task EnsureAsync(IReadOnlyList<Schema> schemas, CancellationToken cancellationToken)
    {
        if (schemas.All(s => _known.ContainsKey(s.EscapedLabel)))
        {
            return;
        }

        var server = await client.GetServerAsync(cancellationToken).ConfigureAwait(false);

        // Schema changes of this process one at a time: concurrent ones deadlock on the schema lock.
        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var chunk in schemas.Where(s => !_known.ContainsKey(s.EscapedLabel)).DistinctBy(s => s.EscapedLabel).Chunk(LabelsPerRequest))
            {
                await SchemaTransaction.CreateAsync(client, [.. chunk.SelectMany(s => s.Statements(server.Dialect))], cancellationToken).ConfigureAwait(false);
                Remember(chunk);
            }
        }
        finally
        {
            _schema.Release();
        }
    }

    private void Remember(Schema[] created)
    {
        if (_knownChars > MaxKnownChars)
        {
            _known.Clear();
            _knownChars = 0;
        }

        foreach (var schema in created)
        {
            if (_known.TryAdd(schema.EscapedLabel, true))
            {
                _knownChars += schema.EscapedLabel.Length;
            }
        }
    }

    private sealed record Schema(string EscapedLabel, Func<CypherDialect, string[]> Statements);
}
