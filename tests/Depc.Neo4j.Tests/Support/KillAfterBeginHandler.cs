namespace Depc.Neo4j.Tests.Support;

/// <summary>When armed, crashes the server as soon as a transaction has been opened: the batch is then half written, uncommitted.</summary>
public sealed class KillAfterBeginHandler(Neo4jTestServer server) : DelegatingHandler(new SocketsHttpHandler())
{
    public bool Armed { get; set; }

    public bool Fired { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Armed && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/transaction", StringComparison.Ordinal))
        {
            Armed = false;
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            await server.KillAsync();
            Fired = true;
        }

        return response;
    }
}
