using System.Text;
using Depc.Core.Naming;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

/// <summary>Issue 12: one team's backlog does not starve another team (a real SQLite store on the mock cluster).</summary>
[Collection(KafkaTests.Name)]
public sealed class FairnessTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const int Backlog = 200_000;
    private readonly TestStores _stores = new();

    [Fact]
    public async Task A_team_sending_a_few_messages_behind_another_teams_large_backlog_is_written_before_that_backlog_is_drained()
    {
        var prefix = TestNames.Prefix();
        var (busy, quiet) = (TeamName.Parse(prefix), TeamName.Parse(prefix + "-x"));
        // Eight partitions keep each under the mock cluster's per-partition retention (about 5 MiB).
        kafka.Cluster.CreateTopic(busy.Topic, 8);
        kafka.Cluster.CreateTopic(quiet.Topic, 1);
        await KafkaTestClient.ProduceAsync(
            kafka.BootstrapServers,
            busy.Topic,
            Enumerable.Range(0, Backlog).Select(i => ((string?)("k" + (i % 64)), Encoding.UTF8.GetBytes(TestBatches.Node("a" + i)))));
        var store = await _stores.OpenAsync("fair");
        // What the busy team can have ahead of the quiet one once it is paused is bounded by these settings: the waiting
        // batches (16 x 1,000), the write planned and the write running (2 x 10,000), the partitions' uncut buffers
        // (8 x 1,000): 44,000. With the defaults the bound (32,000 + 60,000 + 8,000) was the assertion's own limit, and a
        // fast writer under load reached it (114,224 in a clean-clone run).
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, "g-" + prefix, output, o =>
        {
            o.MaxPendingBatches = 16;
            o.MaxWriteMessages = 10_000;
        });

        // The quiet team sends only once the backlog is being written: its messages are read behind what was fetched of it.
        await Eventually.TrueAsync(() => Task.FromResult(host.Counts(busy).Received > 0), TimeSpan.FromSeconds(60), "the backlog being written");
        var busyWhenQuietSent = host.Counts(busy).Received;
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, quiet.Topic, Enumerable.Range(0, 3).Select(i => ((string?)null, TestBatches.Node("b" + i))));
        long busyWhenQuietDone = -1;
        await Eventually.TrueAsync(
            () =>
            {
                // The busy team's count is read first: it can only have grown by the time the quiet team's is read.
                var busyCount = host.Counts(busy).Received;
                var done = host.Counts(quiet).Received == 3;
                busyWhenQuietDone = busyCount;
                return Task.FromResult(done);
            },
            TimeSpan.FromSeconds(120),
            "the quiet team's messages written");
        output.WriteLine($"the quiet team sent when {busyWhenQuietSent:N0} of the {Backlog:N0} backlog messages were written, written when {busyWhenQuietDone:N0} were");

        // Behind it: at most what was cut and fetched of the backlog before the busy team's partitions paused (the
        // waiting batches, librdkafka's prefetch until the pause), far from the whole backlog (before issue 12: ~197,000).
        Assert.True(busyWhenQuietDone - busyWhenQuietSent < Backlog / 2, $"the quiet team waited for {busyWhenQuietDone - busyWhenQuietSent:N0} backlog messages");
        Assert.Equal(["b0", "b1", "b2"], (await store.GetNodeNamesAsync(quiet, "Server", new(), default)).Order(StringComparer.Ordinal));
        // Pausing and resuming the busy team lost and repeated nothing.
        await Eventually.TrueAsync(() => Task.FromResult(host.Counts(busy).Received == Backlog), TimeSpan.FromSeconds(120), "the whole backlog");
        Assert.Equal(Backlog, host.Counts(busy).Accepted);
        await host.StopAsync();
    }

    public void Dispose() => _stores.Dispose();
}
