namespace Depc.Neo4j.Tests.Support;

/// <summary>Two real Neo4j 3.1.1 servers standing in for the members of a cluster (no cluster runs here).</summary>
public sealed class TwoServersFixture : IAsyncLifetime
{
    private Neo4jTestServer[] _servers = [];

    public Neo4jTestServer First => _servers[0];

    public Neo4jTestServer Second => _servers[1];

    /// <summary>Both servers as the members of one store, first then second.</summary>
    public string ClusterSpec => $"neo4j:http://{Neo4jTestServer.User}:{Neo4jTestServer.Password}@127.0.0.1:{First.HttpPort},127.0.0.1:{Second.HttpPort}";

    public async Task InitializeAsync() => _servers = await Task.WhenAll(Neo4jTestServer.StartAsync(), Neo4jTestServer.StartAsync());

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
