namespace Depc.Neo4j.Tests.Support;

/// <summary>One real Neo4j server for the whole test collection. If it cannot start, every test fails with the reason.</summary>
public sealed class Neo4jServerFixture : IAsyncLifetime
{
    private Neo4jTestServer? _server;

    public Neo4jTestServer Server => _server ?? throw new InvalidOperationException("the Neo4j server is not started");

    public async Task InitializeAsync() => _server = await Neo4jTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
