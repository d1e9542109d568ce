using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Depc.Bench.Kafka;
using Depc.Core.Naming;
using Depc.Neo4j;
using Depc.Testing.Kafka;

namespace Depc.Bench.Neo4j;

/// <summary>
/// Kafka → Neo4j end to end: the real ingestion worker, already in its consumer group, on the Neo4j store; the clock
/// runs from the first event produced to the last offset committed after its write.
/// </summary>
internal static class KafkaToNeo4j
{
    private const int Partitions = 4;

    public static async Task<TimeSpan> RunAsync(MockKafkaCluster cluster, Neo4jConnectionString connection, TeamName team, int count)
    {
        cluster.CreateTopic(team.Topic, Partitions);
        await using var store = Neo4jGraphStore.Create(connection);
        await store.InitializeAsync(CancellationToken.None);
        await using var host = new BenchWorkerHost(store, cluster.BootstrapServers, "bench-" + team.Value, team.Topic);
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 5 }).Build();

        // One message first: when it is counted, the worker holds its partitions and has met the team.
        await host.Worker.StartAsync(CancellationToken.None);
        await producer.ProduceAsync(team.Topic, new Message<Null, byte[]> { Value = """{"source":{"label":"Server","name":"ready"}}"""u8.ToArray() });
        await WaitAsync(() => host.Counts(team).Received >= 1, "the worker to start");

        var clock = Stopwatch.StartNew();
        foreach (var line in Neo4jEvents.Lines(count))
        {
            producer.Produce(team.Topic, new Message<Null, byte[]> { Value = Encoding.UTF8.GetBytes(line) });
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "bench-" + team.Value }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(team.Topic, p)).ToList();
        var high = partitions.Sum(tp => offsets.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        await WaitAsync(
            () => host.Counts(team).Received >= count + 1
                && offsets.Committed(partitions, TimeSpan.FromSeconds(10)).Sum(c => Math.Max(0, c.Offset.Value)) >= high,
            "every event to be written and committed");
        var elapsed = clock.Elapsed;
        var counts = host.Counts(team);
        if (counts.Accepted != count + 1)
        {
            throw new InvalidOperationException($"Kafka → Neo4j accepted {counts.Accepted} of {count} events and the first message");
        }

        return elapsed;
    }

    private static async Task WaitAsync(Func<bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("waited 5 minutes for " + what);
            }

            await Task.Delay(20);
        }
    }
}
