using Depc.Testing.Neo4j;

namespace Depc.Delivery.Tests.Support;

/// <summary>A test class with a real Neo4j server of its own, started before its test and deleted after.</summary>
public abstract class OwnNeo4j : IAsyncLifetime
{
    private Neo4jTestServer? _neo4j;

    protected Neo4jTestServer Neo4j => _neo4j ?? throw new InvalidOperationException("Neo4j is not started");

    /// <summary>Extra <c>neo4j.conf</c> lines for this class's server.</summary>
    protected virtual IReadOnlyList<string> Settings => [];

    public async Task InitializeAsync() => _neo4j = await Neo4jTestServer.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_neo4j is not null)
        {
            await _neo4j.DisposeAsync();
        }
    }
}
