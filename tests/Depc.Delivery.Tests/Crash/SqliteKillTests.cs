using Depc.Delivery.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Crash;

[Collection(DeliveryTests.Name)]
public sealed class SqliteKillTests(KafkaCluster kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_twenty_times_at_random_moments_the_SQLite_graph_and_counts_equal_a_run_never_killed()
    {
        // 8 partitions, 24 services, 300 ticks: 7,200 messages of re-sends, closes, late closes, bounds and invalid ones.
        await new KillCampaign(kafka, output).RunAsync(
            (folder, team) => "sqlite:" + Path.Combine(folder, team + ".db"),
            kills: 20,
            partitions: 8,
            services: 24,
            ticks: 300,
            seed: 11);
    }
}
