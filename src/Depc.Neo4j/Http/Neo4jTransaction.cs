namespace Depc.Neo4j.Http;

/// <summary>An open transaction of the HTTP API: more statements, then commit or roll back (the server also rolls back on any error).</summary>
/// <remarks>It lives on the member that opened it: every request of it goes there.</remarks>
internal sealed class Neo4jTransaction
{
    private readonly Neo4jClient _client;
    private readonly Cluster.Neo4jMember _member;
    private readonly Uri _location;
    private readonly Uri _commit;

    public Neo4jTransaction(Neo4jClient client, Cluster.Neo4jMember member, Uri location, Uri commit)
    {
        _client = client;
        _member = member;
        _location = location;
        _commit = commit;
    }

    public bool IsOpen { get; private set; } = true;

    public async Task RunAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SendAsync(_member, HttpMethod.Post, _location, statements, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException)
        {
            IsOpen = false;
            throw;
        }
    }

    /// <summary>Runs the last statements and commits in one request.</summary>
    public async Task CommitAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        IsOpen = false;
        await _client.SendAsync(_member, HttpMethod.Post, _commit, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Best effort: a transaction the server has already dropped needs no rollback.</summary>
    public async Task RollbackAsync()
    {
        if (!IsOpen)
        {
            return;
        }

        IsOpen = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _client.SendAsync(_member, HttpMethod.Delete, _location, [], timeout.Token).ConfigureAwait(false);
        }
        catch (Neo4jException)
        {
            // The server times the transaction out by itself.
        }
        catch (OperationCanceledException)
        {
        }
    }
}
