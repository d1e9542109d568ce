using Depc.Core.Naming;
using Depc.Kafka.Telemetry;
using Depc.Kafka.Tests.Support;
using Depc.Testing.Stores;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class MergedWriteTests(MockClusterFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_backlog_of_several_partitions_is_written_in_merged_transactions_that_reject_only_the_message_the_store_refuses()
    {
        const int Partitions = 4;
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, Partitions);
        // The store is away at first, so that every partition's batches queue up behind the first write.
        var store = new ScriptedStore { Unavailable = true };
        _ = store.Poison.Add("n137");
        var sink = new RecordingRejectionSink();
        // Batches of 20 are cut as soon as they are full, whether or not the team has batches waiting: while the store is
        // away, every partition's batches queue up behind the first write, to be merged once it is back.
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output, o => o.MaxBatchMessages = 20, sink: sink);

        var sent = await KafkaTestClient.ProduceAsync(
            kafka.BootstrapServers,
            team.Topic,
            Enumerable.Range(0, 200).Select(i => ((string?)("k" + (i % 13)), $$$"""{"source": {"label": "Server", "name": "n{{{i}}}"}}""")));
        var perPartition = sent.GroupBy(s => s.Partition.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Partitions, perPartition.Count);
        await Eventually.TrueAsync(() => Task.FromResult(store.Calls >= 3), TimeSpan.FromSeconds(30), "the first write retried");
        // Nothing is applied yet, so each partition's lag is what the consumer has not read: zero once all is queued.
        var lag = host.Get<IConsumerLagSource>();
        await Eventually.TrueAsync(
            () => Task.FromResult(lag.GetLag() is { Count: Partitions } all && all.All(p => p.Lag == 0)),
            TimeSpan.FromSeconds(30),
            "every message consumed while the store is away");
        store.Unavailable = false;

        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, Partitions, TimeSpan.FromSeconds(30));
        var counts = host.Counts(team);
        Assert.Equal((200L, 199L, 1L, 0L), (counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates));
        var poison = sent.Single(s => s.Message.Value.AsSpan().IndexOf("\"n137\""u8) >= 0);
        var rejection = Assert.Single(sink.Rejections).Rejection;
        Assert.Equal($"{team.Topic}/{poison.Partition.Value}@{poison.Offset.Value}", rejection.Origin.ToString());
        Assert.Contains("refused by the store", rejection.Reason, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i != 137).Select(i => "n" + i).Order(StringComparer.Ordinal), store.Applied.Distinct().Order(StringComparer.Ordinal));
        // Each partition's messages were applied in offset order.
        foreach (var partition in sent.GroupBy(s => s.Partition.Value))
        {
            var names = partition.OrderBy(s => s.Offset.Value).Select(s => NameOf(s.Message.Value)).Where(n => n != "n137").ToList();
            Assert.Equal(names, store.Applied.Where(names.Contains).Distinct());
        }

        // At least one transaction held the batches of several partitions.
        Assert.True(store.PartitionsPerWrite.Max() > 1, $"writes of {string.Join(", ", store.PartitionsPerWrite)} partitions ({string.Join(", ", store.Writes)} messages)");
        await host.StopAsync();
    }

    private static string NameOf(byte[] json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("source").GetProperty("name").GetString()!;
    }
}
