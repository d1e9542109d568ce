using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Depc.Neo4j.Cypher;

namespace Depc.Neo4j.Http;

/// <summary>
/// Neo4j's HTTP transactional Cypher API over one pooled <see cref="HttpClient"/>. Every failure becomes a
/// <see cref="Neo4jException"/> whose <c>IsTransient</c> tells the caller whether to retry.
/// </summary>
internal sealed class Neo4jClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Neo4jConnectionString _connection;
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private ServerInfo? _server;

    public Neo4jClient(Neo4jConnectionString connection, HttpMessageHandler? handler = null)
    {
        _connection = connection;
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _http = new HttpClient(handler) { BaseAddress = connection.BaseUri, Timeout = connection.RequestTimeout };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Add("X-Stream", "true");
        if (connection.User is { } user)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + connection.Password));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
    }

    /// <summary>Finds the transaction endpoint and the server version once; later calls return what was found.</summary>
    public async Task<ServerInfo> GetServerAsync(CancellationToken cancellationToken)
    {
        if (_server is { } known)
        {
            return known;
        }

        await _discovery.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _server ??= await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _discovery.Release();
        }
    }

    /// <summary>Runs the statements in a transaction of their own, committed by the same request.</summary>
    public async Task CommitAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var server = await GetServerAsync(cancellationToken).ConfigureAwait(false);
        await SendAsync(HttpMethod.Post, server.CommitEndpoint, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a transaction with its first statements; commit or roll it back.</summary>
    public async Task<Neo4jTransaction> BeginAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var server = await GetServerAsync(cancellationToken).ConfigureAwait(false);
        var (answer, location) = await SendAsync(HttpMethod.Post, server.TransactionEndpoint, statements, cancellationToken).ConfigureAwait(false);
        if (location is null || answer.Commit is null)
        {
            throw new Neo4jException(null, "Neo4j opened a transaction without saying where it is", isTransient: true);
        }

        return new Neo4jTransaction(this, Rebase(location), Rebase(new Uri(answer.Commit)));
    }

    internal async Task<(ResponseReader Answer, Uri? Location)> SendAsync(
        HttpMethod method, Uri uri, IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (method != HttpMethod.Delete)
        {
            request.Content = RequestBody.Create(statements);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await StatusErrorAsync(response.StatusCode, stream, cancellationToken).ConfigureAwait(false);
                }

                var answer = await ResponseReader.ReadAsync(stream, statements, cancellationToken).ConfigureAwait(false);
                if (answer.Errors.Count > 0)
                {
                    var (code, message) = answer.Errors[0];
                    throw Neo4jException.FromCode(code, message);
                }

                return (answer, response.Headers.Location);
            }
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jException(null, $"cannot reach Neo4j at {_connection.BaseUri}: {e.Message}", isTransient: true, e);
        }
        catch (IOException e)
        {
            throw new Neo4jException(null, $"the connection to Neo4j at {_connection.BaseUri} broke: {e.Message}", isTransient: true, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jException(null, $"Neo4j at {_connection.BaseUri} did not answer within {_http.Timeout}", isTransient: true, e);
        }
    }

    /// <summary>The server names its URLs with the host it sees; keep talking to the one we were given.</summary>
    internal Uri Rebase(Uri uri) => uri.IsAbsoluteUri ? new Uri(_connection.BaseUri, uri.PathAndQuery) : new Uri(_connection.BaseUri, uri);

    public void Dispose()
    {
        _http.Dispose();
        _discovery.Dispose();
    }

    private async Task<ServerInfo> DiscoverAsync(CancellationToken cancellationToken)
    {
        using var root = await GetJsonAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var rootElement = root.RootElement;
        if (rootElement.TryGetProperty("transaction", out var template) && template.ValueKind == JsonValueKind.String)
        {
            // 4.x/5.x: "http://host:7474/db/{databaseName}/tx"
            var version = rootElement.TryGetProperty("neo4j_version", out var v) ? v.GetString() ?? "" : "";
            var database = Uri.EscapeDataString(_connection.Database ?? "neo4j");
            var endpoint = Rebase(new Uri(template.GetString()!.Replace("{databaseName}", database, StringComparison.Ordinal)));
            return new ServerInfo(endpoint, version, CypherDialect.FromVersion(version));
        }

        if (rootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
        {
            // 3.x: the data URL names the transaction endpoint and the version.
            if (_connection.Database is not null)
            {
                throw new Neo4jException(null, "Neo4j 3.x has a single database: remove the database from the store URI", isTransient: true);
            }

            using var service = await GetJsonAsync(Rebase(new Uri(data.GetString()!)), cancellationToken).ConfigureAwait(false);
            var transaction = service.RootElement.GetProperty("transaction").GetString()!;
            var version = service.RootElement.TryGetProperty("neo4j_version", out var v) ? v.GetString() ?? "" : "";
            return new ServerInfo(Rebase(new Uri(transaction)), version, CypherDialect.FromVersion(version));
        }

        throw new Neo4jException(null, $"{_connection.BaseUri} does not look like Neo4j's HTTP API", isTransient: true);
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw await StatusErrorAsync(response.StatusCode, stream, cancellationToken).ConfigureAwait(false);
                }

                return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jException(null, $"cannot reach Neo4j at {_connection.BaseUri}: {e.Message}", isTransient: true, e);
        }
        catch (JsonException e)
        {
            throw new Neo4jException(null, $"{_connection.BaseUri} answered something that is not JSON", isTransient: true, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new Neo4jException(null, $"Neo4j at {_connection.BaseUri} did not answer within {_http.Timeout}", isTransient: true, e);
        }
    }

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
