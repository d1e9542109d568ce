using Depc.Core.Storage;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>The store conformance suite, unchanged, on the real Neo4j server: same graphs, same answers as the embedded store.</summary>
[Collection(Neo4jServerGroup.Name)]
public sealed class Neo4jStoreScenarios(Neo4jServerFixture fixture) : StoreScenarios.StoreScenarios, IAsyncLifetime
{
    private readonly Neo4jGraphStore _store = Neo4jGraphStore.Create(Neo4jConnectionString.Parse(fixture.Server.StoreSpec, _ => null));

    protected override IGraphStore Store => _store;

    /// <summary>Each stream is a team written and read back over HTTP: fewer of them keep the suite's time.</summary>
    protected override int RandomDiffIterations => 15;

    public Task InitializeAsync() => _store.InitializeAsync(CancellationToken.None);

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();
}
