using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class SeedExampleTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly TestStores _stores = new();

    [Fact]
    public async Task Seed_page_example_produced_by_an_ordinary_producer_becomes_exactly_that_graph()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        kafka.Cluster.CreateTopic(team.Topic, 3);
        var store = await _stores.OpenAsync("seed");
        var servers = new[] { "ns375001.ip-xx-xxx-xx.eu", "ns375002.ip-xx-xxx-xx.eu", "ns375003.ip-xx-xxx-xx.eu" };
        // Keyed by server so the three messages spread over the partitions.
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, servers.Select(s =>
            ((string?)s, $$$"""{"source": {"label": "Cluster", "name": "cluster020.ovh.net"}, "target": {"label": "Server", "name": "{{{s}}}"} }""")));

        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, "g-" + prefix, output);
        await Eventually.TrueAsync(async () => (await store.CountDependenciesAsync(team, "Cluster", "cluster020.ovh.net", default)) == 3, TimeSpan.FromSeconds(20), "three dependencies");
        await host.StopAsync();

        var labels = await store.GetLabelsAsync(team, default);
        Assert.Equal([new LabelCount("Cluster", 1), new LabelCount("Server", 3)], labels);
        var neighbours = await store.GetNeighboursAsync(team, "Cluster", "cluster020.ovh.net", Direction.Dependencies, default);
        Assert.Equal(servers, neighbours.Select(n => n.Node.Name).Order(StringComparer.Ordinal));
        var now = FixedClock.Default.ToUnixTimeSeconds();
        Assert.All(neighbours, n => Assert.Equal([now], n.Periods));
        var counts = host.Counts(team);
        Assert.Equal((3, 3, 0, 0), (counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates));

        // Graceful stop committed everything that was written.
        var committed = KafkaTestClient.Committed(kafka.BootstrapServers, "g-" + prefix, team.Topic, 3);
        Assert.Equal(KafkaTestClient.HighWatermarks(kafka.BootstrapServers, team.Topic, 3), committed.ToDictionary(c => c.Key, c => Math.Max(0, c.Value)));
        Assert.NotNull(await store.ReadHeartbeatAsync(default));
    }

    public void Dispose() => _stores.Dispose();
}
