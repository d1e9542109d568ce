using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Depc.Neo4j.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depc.Neo4j.Http;

/// <summary>
/// Neo4j's HTTP transactional Cypher API over one pooled <see cref="HttpClient"/>, on one server or the members of a
/// cluster: writes (<see cref="CommitAsync"/>, <see cref="BeginAsync"/>) go to the leader, reads
/// (<see cref="ReadAsync"/>) to any member. Every failure becomes a <see cref="Neo4jException"/> whose
/// <c>IsTransient</c> tells the caller whether to retry; a write is not retried here. Refused credentials pause every
/// request for a while (<see cref="CredentialsGate"/>).
/// </summary>
internal sealed class Neo4jClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly MemberRouter _router;
    private readonly ServerDiscovery _discovery;
    private readonly LeaderLookup _leaders;
    private readonly CredentialsGate _credentials = new();

    public Neo4jClient(Neo4jConnectionString connection, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A member that does not answer is given up quickly: another one may take the request.
            ConnectTimeout = TimeSpan.FromSeconds(connection.Members.Count > 1 ? 3 : 10),
        };
        _http = new HttpClient(handler) { Timeout = connection.RequestTimeout };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Add("X-Stream", "true");
        if (connection.User is { } user)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + connection.Password));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        _router = new MemberRouter(connection.Members, logger ?? NullLogger.Instance);
        _discovery = new ServerDiscovery(this, connection.Database);
        _leaders = new LeaderLookup(this, _router, connection.Database, logger ?? NullLogger.Instance);
    }

    /// <summary>What the first member that answers found (version, dialect); later calls return what was found.</summary>
    public async Task<ServerInfo> GetServerAsync(CancellationToken cancellationToken)
    {
        var members = _router.InOrder();
        for (var i = 0; ; i++)
        {
            try
            {
                return await _discovery.OfAsync(members[i], cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jException e) when (e.IsTransient && i + 1 < members.Count)
            {
                _router.Failed(members[i], e);
            }
        }
    }

    /// <summary>What discovery found on one member.</summary>
    internal Task<ServerInfo> GetServerAsync(Neo4jMember member, CancellationToken cancellationToken) => _discovery.OfAsync(member, cancellationToken);

    /// <summary>Writes: runs the statements in a transaction of their own on the leader, committed by the same request.</summary>
    public async Task CommitAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var (member, server) = await WriterAsync(cancellationToken).ConfigureAwait(false);
        await SendAsync(member, HttpMethod.Post, server.CommitEndpoint, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads: runs the statements on any member, in a transaction of their own. A member that cannot be reached is
    /// passed over for the next one (a read changes nothing, so asking another member is safe).
    /// </summary>
    public async Task ReadAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var members = _router.ForRead();
        for (var i = 0; ; i++)
        {
            try
            {
                var server = await _discovery.OfAsync(members[i], cancellationToken).ConfigureAwait(false);
                await SendAsync(members[i], HttpMethod.Post, server.CommitEndpoint, statements, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Neo4jException e) when (e.IsTransient && e.Code is null && i + 1 < members.Count)
            {
                // Unreachable (already marked down by SendAsync): the next member.
            }
        }
    }

    /// <summary>Opens a write transaction on the leader with its first statements; commit or roll it back.</summary>
    public async Task<Neo4jTransaction> BeginAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var (member, server) = await WriterAsync(cancellationToken).ConfigureAwait(false);
        var (answer, location) = await SendAsync(member, HttpMethod.Post, server.TransactionEndpoint, statements, cancellationToken).ConfigureAwait(false);
        if (location is null || answer.Commit is null)
        {
            throw new Neo4jException(null, "Neo4j opened a transaction without saying where it is", isTransient: true);
        }

        return new Neo4jTransaction(this, member, member.Rebase(location), member.Rebase(new Uri(answer.Commit)));
    }

    /// <summary>One request to one member; a failure also tells the router, which may stop sending writes there.</summary>
    internal async Task<(ResponseReader Answer, Uri? Location)> SendAsync(
        Neo4jMember member, HttpMethod method, Uri uri, IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOnceAsync(member, method, uri, statements, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException e)
        {
            _router.Failed(member, e);
            throw;
        }
    }

    /// <summary>A GET of a discovery document, parsed whole (they are small).</summary>
    internal async Task<System.Text.Json.JsonDocument> GetJsonAsync(Neo4jMember member, Uri uri, CancellationToken cancellationToken)
    {
        _credentials.ThrowIfPaused();
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    var failure = await StatusErrorAsync(response.StatusCode, stream, cancellationToken).ConfigureAwait(false);
                    _credentials.Observe(failure);
                    throw failure;
                }

                return await System.Text.Json.JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new Neo4jException(null, $"{member} answered something that is not JSON", isTransient: true, e);
        }
        catch (Exception e) when (Unreachable(member, e, cancellationToken) is { } failure)
        {
            _router.Failed(member, failure);
            throw failure;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _leaders.Dispose();
    }

    private async Task<(Neo4jMember Member, ServerInfo Server)> WriterAsync(CancellationToken cancellationToken)
    {
        var member = _router.Writer ?? await _leaders.FindAsync(cancellationToken).ConfigureAwait(false);
        return (member, await _discovery.OfAsync(member, cancellationToken).ConfigureAwait(false));
    }

    private async Task<(ResponseReader Answer, Uri? Location)> SendOnceAsync(
        Neo4jMember member, HttpMethod method, Uri uri, IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        _credentials.ThrowIfPaused();
        using var request = new HttpRequestMessage(method, uri);
        if (method != HttpMethod.Delete)
        {
            request.Content = StatementsBody.Create(statements);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    var failure = await StatusErrorAsync(response.StatusCode, stream, cancellationToken).ConfigureAwait(false);
                    _credentials.Observe(failure);
                    throw failure;
                }

                var answer = await ResponseReader.ReadAsync(stream, statements, cancellationToken).ConfigureAwait(false);
                if (answer.Errors.Count > 0)
                {
                    var (code, message) = answer.Errors[0];
                    var failure = Neo4jException.FromCode(code, message);
                    _credentials.Observe(failure);
                    throw failure;
                }

                return (answer, response.Headers.Location);
            }
        }
        catch (Exception e) when (Unreachable(member, e, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The transient failure of a member that did not answer (null for any other exception).</summary>
    private Neo4jException? Unreachable(Neo4jMember member, Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException => new Neo4jException(null, $"cannot reach Neo4j at {member}: {e.Message}", isTransient: true, e),
        IOException => new Neo4jException(null, $"the connection to Neo4j at {member} broke: {e.Message}", isTransient: true, e),
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new Neo4jException(null, $"Neo4j at {member} did not answer within {_http.Timeout}", isTransient: true, e),
        _ => null,
    };

    private static async Task<Neo4jException> StatusErrorAsync(HttpStatusCode status, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await ResponseReader.ReadAsync(body, [], cancellationToken).ConfigureAwait(false);
            if (answer.Errors.Count > 0)
            {
                var (code, message) = answer.Errors[0];
                return Neo4jException.FromCode(code, message);
            }
        }
        catch (Neo4jException)
        {
            // Not a Neo4j error document: fall back to the status code.
        }

        return new Neo4jException(null, $"Neo4j answered HTTP {(int)status} {status}", isTransient: true);
    }
}
