using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Tests.Support;

/// <summary>A store and a raw client on the shared server, with helpers to write messages and plain Cypher.</summary>
public abstract class StoreTestBase(Neo4jServerFixture fixture) : IAsyncLifetime
{
    protected const long Now = 1_704_067_200;

    protected Neo4jGraphStore Store { get; } = Neo4jGraphStore.Create(Neo4jConnectionString.Parse(fixture.Server.StoreSpec, _ => null));

    internal Neo4jClient Client { get; } = new(Neo4jConnectionString.Parse(fixture.Server.StoreSpec, _ => null));

    protected static CancellationToken None => CancellationToken.None;

    protected Neo4jTestServer Server => fixture.Server;

    public Task InitializeAsync() => Store.InitializeAsync(None);

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Client.Dispose();
    }

    protected Task<BatchResult> ApplyAsync(TeamName team, params GraphMessage[] messages) =>
        Store.ApplyAsync(BatchPlanner.Plan(team, messages, Now), None);

    protected static GraphMessage Rel(string source, string target, long? from, long? to) =>
        new(new NodeSpec("Server", source), new NodeSpec("Server", target), new RelSpec(from, to));

    protected Task CypherAsync(string text) => Client.CommitAsync([new CypherStatement(text)], None);
}
