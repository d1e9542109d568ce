using Depc.Core.Naming;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class GroupTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly TestStores _stores = new();

    [Fact]
    public async Task Two_instances_in_one_group_over_a_multi_partition_topic_give_the_clean_run_graph()
    {
        const int Partitions = 6;
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, Partitions);
        var stream = TestStream.Generate(keys: 24, perKey: 200);
        var storeA = await _stores.OpenAsync("shared");
        var storeB = await _stores.OpenAsync("shared");

        await using var a = await WorkerHost.StartAsync(storeA, kafka.BootstrapServers, prefix, group, output, o => o.MaxBatchMessages = 200);
        await using var b = await WorkerHost.StartAsync(storeB, kafka.BootstrapServers, prefix, group, output, o => o.MaxBatchMessages = 200);
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, stream.Select(m => ((string?)m.Key, m.Json)));
        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, Partitions, TimeSpan.FromSeconds(60));
        await a.StopAsync();
        await b.StopAsync();

        output.WriteLine($"instance A received {a.Counts(team).Received}, B {b.Counts(team).Received}");
        Assert.Equal(await TestStream.CleanGraphAsync(_stores, team, stream), await GraphDump.DumpAsync(storeA, team));
    }

    [Fact]
    public async Task A_team_topic_created_while_running_is_consumed_without_restart()
    {
        var prefix = TestNames.Prefix();
        var group = "g-" + prefix;
        var first = TeamName.Parse(prefix);
        kafka.Cluster.CreateTopic(first.Topic, 1);
        var store = await _stores.OpenAsync("new-topic");
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output);
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, first.Topic, [((string?)null, """{"source": {"label": "Server", "name": "one"}}""")]);
        await Eventually.TrueAsync(async () => await store.GetNodeAsync(first, "Server", "one", default) is not null, TimeSpan.FromSeconds(20), "the first team's node");

        var second = TeamName.Parse(prefix + "-new");
        kafka.Cluster.CreateTopic(second.Topic, 3);
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, second.Topic, [((string?)null, """{"source": {"label": "Server", "name": "two"}}""")]);
        await Eventually.TrueAsync(async () => await store.GetNodeAsync(second, "Server", "two", default) is not null, TimeSpan.FromSeconds(30), "the new team's node");
        Assert.Null(await store.GetNodeAsync(first, "Server", "two", default));
        await host.StopAsync();
    }

    public void Dispose() => _stores.Dispose();
}
