using System.Text;
using Depc.Core.Naming;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Telemetry;
using Depc.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

/// <summary>Issue 12: a flood of rejected messages through Kafka is reported within bounded bytes and never holds the partition back.</summary>
[Collection(KafkaTests.Name)]
public sealed class PoisonFloodTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private const int Poison = 20_000;
    private readonly TestStores _stores = new();
    private readonly DroppedReports _dropped = new();

    [Fact]
    public async Task Twenty_thousand_rejected_messages_with_dead_letters_on_are_all_counted_the_letters_beyond_the_byte_budget_dropped_and_the_valid_ones_behind_them_applied()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        // Eight partitions keep each under the mock cluster's per-partition retention (about 5 MiB).
        kafka.Cluster.CreateTopic(team.Topic, 8);
        var store = await _stores.OpenAsync("poison");
        var padding = new string('x', 500);
        var messages = Enumerable.Range(0, Poison).Select(i => ((string?)("k" + (i % 64)), Encoding.UTF8.GetBytes($"{{not json {i} {padding}")))
            .Concat(Enumerable.Range(0, 10).Select(i => ((string?)("k" + i), Encoding.UTF8.GetBytes(TestBatches.Node("after" + i)))));
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, messages);

        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, "g-" + prefix, output, o =>
        {
            o.DeadLetters = true;
            o.DeadLetterQueueBytes = 2L * DeadLetterHeaders.MaxPayloadBytes;
        });
        await Eventually.TrueAsync(() => Task.FromResult(host.Counts(team).Received == Poison + 10), TimeSpan.FromSeconds(120), "every message counted");

        var counts = host.Counts(team);
        Assert.Equal((10L, (long)Poison), (counts.Accepted, counts.Rejected));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "after" + i).Order(StringComparer.Ordinal), (await store.GetNodeNamesAsync(team, "Server", new(), default)).Order(StringComparer.Ordinal));
        var dropped = _dropped.Of(team.Value, DepcMetrics.DeadLetterQueue);
        output.WriteLine($"{dropped:N0} of {Poison:N0} dead letters dropped over a budget of {2L * DeadLetterHeaders.MaxPayloadBytes:N0} bytes");
        Assert.InRange(dropped, 1, Poison - 1);
        await host.StopAsync();
    }

    public void Dispose()
    {
        _dropped.Dispose();
        _stores.Dispose();
    }
}
