using Depc.Delivery.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Crash;

[Collection(DeliveryTests.Name)]
public sealed class Neo4jKillTests(KafkaCluster kafka, ITestOutputHelper output) : OwnNeo4j
{
    [Fact]
    public async Task Killed_at_random_moments_the_Neo4j_graph_and_counts_equal_a_run_never_killed()
    {
        // Both runs write one Neo4j server (each its own team); 6 partitions, 12 services, 120 ticks: 1,440 messages.
        await new KillCampaign(kafka, output).RunAsync(
            (_, _) => Neo4j.StoreSpec,
            kills: 6,
            partitions: 6,
            services: 12,
            ticks: 120,
            seed: 4);
    }
}
