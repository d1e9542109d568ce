using Confluent.Kafka;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

/// <summary>SPEC §5 on the mock cluster: positions in the store, kept per partition, the start point of every assignment, and a fence for zombies.</summary>
[Collection(KafkaTests.Name)]
public sealed class ExactlyOnceTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly TestStores _stores = new();

    [Fact]
    public async Task A_zombie_whose_partition_was_reassigned_cannot_write_below_the_stored_position()
    {
        var (team, group, prefix) = Names();
        kafka.Cluster.CreateTopic(team.Topic, 1);
        var zombie = new ZombieStore(await _stores.OpenAsync("zombie"));
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, Nodes("n", 0, 20));

        // Instance A reads the messages and sends its write, which stays on the wire; A is then gone (as frozen or
        // cut off): its partition goes to B, which writes the same messages and moves the stored position past them.
        var a = await WorkerHost.StartAsync(zombie, kafka.BootstrapServers, prefix, group, output);
        await Eventually.TrueAsync(() => Task.FromResult(zombie.Held.Count > 0), TimeSpan.FromSeconds(30), "A's write sent");
        await a.CrashAsync();
        await a.DisposeAsync();
        var store = await _stores.OpenAsync("zombie");
        await using (var b = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output))
        {
            await Eventually.TrueAsync(() => Task.FromResult(b.Counts(team).Received == 20), TimeSpan.FromSeconds(30), "B wrote everything");
            await b.StopAsync();
        }

        // A's write arrives at last: fenced, nothing of it applied.
        zombie.Release();
        var late = await zombie.Held[0];

        Assert.Equal(WriteStatus.Fenced, late.Status);
        Assert.Equal([new StoredPosition(team.Topic, 0, 20)], late.StoredPositions);
        Assert.Equal(new TeamCounts(20, 20, 0, 0, FixedClock.Default.ToUnixTimeSeconds()), await store.ReadTeamCountsAsync(team, default));
        Assert.Equal(20, (await store.GetNodeNamesAsync(team, "Server", new(), default)).Count);
    }

    [Fact]
    public async Task Positions_are_kept_per_partition_and_an_assignment_starts_at_them_whatever_Kafka_committed()
    {
        const int Partitions = 4;
        var (team, group, prefix) = Names();
        kafka.Cluster.CreateTopic(team.Topic, Partitions);
        var store = await _stores.OpenAsync("positions");
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, Nodes("n", 0, 40));
        await using (var first = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output))
        {
            await Eventually.TrueAsync(() => Task.FromResult(first.Counts(team).Received == 40), TimeSpan.FromSeconds(30), "40 messages");
            await first.StopAsync();
        }

        var high = KafkaTestClient.HighWatermarks(kafka.BootstrapServers, team.Topic, Partitions);
        Assert.True(high.Values.Count(h => h > 0) >= 2, "the messages spread over partitions");
        Assert.Equal(
            high.Where(h => h.Value > 0).Select(h => new StoredPosition(team.Topic, h.Key, h.Value)),
            await store.ReadPositionsAsync(group, team.Topic, default));

        // Kafka's committed offsets fall back to the start (lost, reset by an operator): the store's positions rule.
        await RewindAsync(group, team.Topic, Partitions);
        await using var second = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output);
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, Nodes("m", 0, 4));
        await Eventually.TrueAsync(() => Task.FromResult(second.Counts(team).Received == 44), TimeSpan.FromSeconds(30), "the 4 new messages");
        await Task.Delay(500);

        Assert.Equal(44, second.Counts(team).Received);
        Assert.DoesNotContain(3104, second.Log.Events);
        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, Partitions, TimeSpan.FromSeconds(20));
        await second.StopAsync();
    }

    [Fact]
    public async Task After_a_backlog_a_message_without_rel_means_the_time_it_was_sent_not_the_time_it_is_processed()
    {
        var (team, group, prefix) = Names();
        kafka.Cluster.CreateTopic(team.Topic, 1);
        var store = await _stores.OpenAsync("backlog");
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1_500_000_000);
        var resend = """{"source": {"label": "Svc", "name": "api"}, "target": {"label": "Db", "name": "main"}}""";
        var flat = """{"source_label": "Svc", "source_name": "api", "target_label": "Db", "target_name": "main"}""";
        static string Close(long to) => $$$"""{"source": {"label": "Svc", "name": "api"}, "target": {"label": "Db", "name": "main"}, "rel": {"to": {{{to}}}}}""";
        var t = t0.ToUnixTimeSeconds();
        (string?, byte[], DateTimeOffset)[] backlog =
        [
            (null, Bytes(resend), t0),                          // opens at t0
            (null, Bytes(Close(t + 50)), t0.AddSeconds(60)),    // closes at t0 + 50
            (null, Bytes(resend), t0.AddSeconds(200)),          // reopens at t0 + 200
            (null, Bytes(flat), t0.AddSeconds(300.9)),          // already open: a duplicate (now rounded down to t0 + 300)
            (null, Bytes(Close(t + 350)), t0.AddSeconds(400)),  // a late close, still after the reopening
        ];
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, backlog);

        // Processed years after it was sent.
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output, time: TimeProvider.System);
        await Eventually.TrueAsync(() => Task.FromResult(host.Counts(team).Received == 5), TimeSpan.FromSeconds(30), "the backlog");

        var link = Assert.Single(await store.GetNeighboursAsync(team, "Svc", "api", Direction.Dependencies, default));
        Assert.Equal([t, t + 50, t + 200, t + 350], link.Periods);
        var counts = host.Counts(team);
        Assert.Equal((4L, 0L, 1L), (counts.Accepted, counts.Rejected, counts.Duplicates));
        await host.StopAsync();
    }

    public void Dispose() => _stores.Dispose();

    private static (TeamName Team, string Group, string Prefix) Names()
    {
        var prefix = TestNames.Prefix();
        return (TeamName.Parse(prefix), "g-" + prefix, prefix);
    }

    private static IEnumerable<(string?, string)> Nodes(string prefix, int first, int count) =>
        Enumerable.Range(first, count).Select(i => ((string?)$"{prefix}{i}", $$$"""{"source": {"label": "Server", "name": "{{{prefix}}}{{{i}}}"}}"""));

    private static byte[] Bytes(string json) => System.Text.Encoding.UTF8.GetBytes(json);

    // Joins the group as an ordinary member and commits offset 0 everywhere (the mock cluster takes commits from members only).
    private Task RewindAsync(string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            SessionTimeoutMs = 3000,
        }).Build();
        consumer.Subscribe(topic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (consumer.Assignment.Count < partitions && DateTime.UtcNow < deadline)
        {
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        }

        consumer.Commit([.. Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, 0))]);
        consumer.Close();
        Assert.All(KafkaTestClient.Committed(kafka.BootstrapServers, group, topic, partitions).Values, c => Assert.Equal(0, c));
        return Task.CompletedTask;
    }
}
