using Depc.Core.Naming;
using Depc.Kafka.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class StoreUnavailableTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly TestStores _stores = new();

    [Fact]
    public async Task While_another_writer_locks_the_SQLite_file_nothing_is_committed_and_everything_is_applied_once_it_is_released()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, 2);
        var store = await _stores.OpenAsync("locked", busyTimeout: TimeSpan.FromMilliseconds(100));
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output);

        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, Nodes("before", 20));
        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, 2, TimeSpan.FromSeconds(20));
        var committedBefore = KafkaTestClient.Committed(kafka.BootstrapServers, group, team.Topic, 2);

        await using (var locker = new SqliteConnection($"Data Source={_stores.PathOf("locked")}"))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, Nodes("during", 50));
            for (var i = 0; i < 6; i++)
            {
                await Task.Delay(500);
                Assert.Equal(committedBefore, KafkaTestClient.Committed(kafka.BootstrapServers, group, team.Topic, 2));
            }

            Assert.Equal(20, host.Counts(team).Received);
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, 2, TimeSpan.FromSeconds(20));
        var names = await store.GetNodeNamesAsync(team, "Server", new(), default);
        Assert.Equal(70, names.Count);
        Assert.Equal((70L, 70L), (host.Counts(team).Received, host.Counts(team).Accepted));
        await host.StopAsync();
    }

    private static IEnumerable<(string?, string)> Nodes(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => ((string?)$"{prefix}{i}", $$$"""{"source": {"label": "Server", "name": "{{{prefix}}}{{{i}}}"}}"""));

    public void Dispose() => _stores.Dispose();
}
