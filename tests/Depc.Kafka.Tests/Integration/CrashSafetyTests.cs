using System.Text;
using Depc.Core.Naming;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class CrashSafetyTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 4;
    private readonly TestStores _stores = new();

    [Fact]
    public async Task Killed_at_random_moments_and_restarted_the_graph_equals_a_clean_run_and_commits_never_pass_unwritten_messages()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, Partitions);
        var store = await _stores.OpenAsync("crash");
        var stream = TestStream.Generate(keys: 16, perKey: 500);
        var markers = new List<(int Partition, long Offset, string Name)>();
        var random = new Random(1234);
        const int Rounds = 4;
        var chunk = stream.Count / Rounds;

        for (var round = 0; round < Rounds; round++)
        {
            var part = stream.Skip(round * chunk).Take(round == Rounds - 1 ? int.MaxValue : chunk).ToList();
            var delivered = await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, part.Select(m => ((string?)m.Key, m.Json)));
            markers.AddRange(part.Zip(delivered).Where(x => x.First.Marker is not null).Select(x => (x.Second.Partition.Value, x.Second.Offset.Value, x.First.Marker!)));

            var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output, o =>
            {
                o.MaxBatchMessages = 100;
                o.SessionTimeout = TimeSpan.FromSeconds(2);
            });
            // Killed at a random point of the chunk: between batches, mid-write or before the next commit.
            var crashAt = random.Next(1, part.Count);
            await Eventually.TrueAsync(() => Task.FromResult(host.Counts(team).Received >= crashAt), TimeSpan.FromSeconds(30), $"{crashAt} messages");
            await host.CrashAsync();
            output.WriteLine($"round {round}: crashed after {host.Counts(team).Received} messages (aimed at {crashAt})");
            await host.DisposeAsync();

            await AssertCommittedWereWrittenAsync(store, team, group, markers);
        }

        await using (var final = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output, o => o.SessionTimeout = TimeSpan.FromSeconds(2)))
        {
            await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, Partitions, TimeSpan.FromSeconds(60));
            await final.StopAsync();
        }

        await AssertCommittedWereWrittenAsync(store, team, group, markers);
        var expected = await TestStream.CleanGraphAsync(_stores, team, stream);
        var actual = await GraphDump.DumpAsync(store, team);
        Assert.Equal(expected, actual);
    }

    private async Task AssertCommittedWereWrittenAsync(Depc.Sqlite.SqliteGraphStore store, TeamName team, string group, List<(int Partition, long Offset, string Name)> markers)
    {
        var committed = KafkaTestClient.Committed(kafka.BootstrapServers, group, team.Topic, Partitions);
        var checkedCount = 0;
        var missing = new StringBuilder();
        foreach (var (partition, offset, name) in markers)
        {
            if (offset < committed[partition])
            {
                checkedCount++;
                if (await store.GetNodeAsync(team, "Mark", name, default) is null)
                {
                    missing.Append($"{name}@{partition}/{offset} ");
                }
            }
        }

        output.WriteLine($"committed {string.Join(", ", committed.Select(c => $"{c.Key}:{c.Value}"))}; {checkedCount} markers before them checked");
        Assert.True(missing.Length == 0, "committed past unwritten messages: " + missing);
    }

    public void Dispose() => _stores.Dispose();
}
