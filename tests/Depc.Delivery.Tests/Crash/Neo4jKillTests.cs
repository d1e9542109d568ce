using Depc.Delivery.Tests.Support;
using Depc.Testing.Neo4j;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Crash;

[Collection(DeliveryTests.Name)]
public sealed class Neo4jKillTests(KafkaCluster kafka, ITestOutputHelper output) : IAsyncLifetime
{
    private Neo4jTestServer? _neo4j;

    public async Task InitializeAsync() => _neo4j = await Neo4jTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_neo4j is not null)
        {
            await _neo4j.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killed_at_random_moments_the_Neo4j_graph_and_counts_equal_a_run_never_killed()
    {
        // Both runs write one Neo4j server (each its own team); 6 partitions, 12 services, 120 ticks: 1,440 messages.
        await new KillCampaign(kafka, output).RunAsync(
            (_, _) => _neo4j!.StoreSpec,
            kills: 6,
            partitions: 6,
            services: 12,
            ticks: 120,
            seed: 4);
    }
}
