using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Testing.Kafka;
using Depc.Sqlite;

namespace Depc.Bench.Kafka;

/// <summary>
/// Kafka ingestion end to end: N realistic messages produced to librdkafka's mock cluster, then
/// (1) the raw consume rate of a plain consumer on that topic (the limit), (2) the real worker
/// consuming → decoding → writing SQLite → committing, timed from start to the last commit.
/// </summary>
public static class KafkaBench
{
    private const int Partitions = 32;
    private static readonly TeamName Team = TeamName.Parse("bench");

    /// <param name="rounds">Raw consume and end to end are run in turns this many times (fresh groups and files): the
    /// machine's speed and the mock coordinator's join wait swing between runs, so the ratio is the median of the rounds'.</param>
    public static async Task RunAsync(int messages, int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        var folder = Directory.CreateTempSubdirectory("depc-kafka-bench-").FullName;
        try
        {
            using var cluster = new MockKafkaCluster();
            // Each mock partition keeps only ~5 MiB: spread and compress.
            cluster.CreateTopic(Team.Topic, Partitions);
            var produce = Stopwatch.StartNew();
            var bytes = Produce(cluster.BootstrapServers, messages);
            output.WriteLine($"kafka: {messages:N0} messages ({bytes / 1e6:F0} MB) produced to {Partitions} partitions of the mock cluster in {produce.Elapsed.TotalSeconds:F1} s; {rounds} rounds");

            var ratios = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var raw = RawConsume(cluster.BootstrapServers, $"raw-{round}", messages);
                output.WriteLine($"  round {round}: raw consume (one plain consumer): {messages / raw.TotalSeconds,12:N0} msg/s, {raw.TotalSeconds:F1} s");

                var baseline = Process.GetCurrentProcess().WorkingSet64;
                var (e2e, peak, report) = await EndToEndAsync(cluster.BootstrapServers, $"e2e-{round}", Path.Combine(folder, $"bench-{round}.db"), messages);
                ratios.Add(raw / e2e);
                output.WriteLine($"  round {round}: consume → SQLite → commit:       {messages / e2e.TotalSeconds,12:N0} msg/s, {e2e.TotalSeconds:F1} s, {raw / e2e:P0} of raw");
                output.WriteLine($"    working set: {baseline / 1e6:F0} MB before the worker (mock cluster data included), peak {peak / 1e6:F0} MB while it ran");
                output.WriteLine($"    summary: received {report.Received:N0}, accepted {report.Accepted:N0}, rejected {report.Rejected:N0}, duplicates {report.Duplicates:N0}");
            }

            ratios.Sort();
            output.WriteLine($"  end to end / raw consume: median {ratios[ratios.Count / 2]:P0} (min {ratios[0]:P0}, max {ratios[^1]:P0}); goal >= 60 %");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long Produce(string bootstrap, int messages)
    {
        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            CompressionType = CompressionType.Lz4,
            LingerMs = 20,
            BatchSize = 1_000_000,
            QueueBufferingMaxMessages = 500_000,
        }).Build();
        long bytes = 0;
        foreach (var line in Corpus.Lines(messages))
        {
            var value = Encoding.UTF8.GetBytes(line);
            bytes += value.Length;
            while (true)
            {
                try
                {
                    producer.Produce(Team.Topic, new Message<Null, byte[]> { Value = value });
                    break;
                }
                catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return bytes;
    }

    private static TimeSpan RawConsume(string bootstrap, string group, int messages)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoOffsetStore = false,
        }).Build();
        var watch = Stopwatch.StartNew();
        consumer.Subscribe(Team.Topic);
        var count = 0;
        while (count < messages && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (consumer.Consume(100) is { Message: not null })
            {
                count++;
            }
        }

        var elapsed = watch.Elapsed;
        consumer.Close();
        return elapsed;
    }

    private static async Task<(TimeSpan Elapsed, long PeakWorkingSet, TeamCounts Report)> EndToEndAsync(string bootstrap, string group, string database, int messages)
    {
        await using var store = await SqliteGraphStore.OpenAsync(database, CancellationToken.None);
        await using var host = new BenchWorkerHost(store, bootstrap, group, Team.Topic);
        var worker = host.Worker;
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, Partitions).Select(p => new TopicPartition(Team.Topic, p)).ToList();
        var high = partitions.Sum(tp => offsets.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);

        var watch = Stopwatch.StartNew();
        await worker.StartAsync(CancellationToken.None);
        long peak = 0;
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            if ((await store.ReadTeamCountsAsync(Team, CancellationToken.None)).Received >= messages
                && offsets.Committed(partitions, TimeSpan.FromSeconds(10)).Sum(c => Math.Max(0, c.Offset.Value)) >= high)
            {
                break;
            }

            await Task.Delay(50);
        }

        return (watch.Elapsed, peak, await store.ReadTeamCountsAsync(Team, CancellationToken.None));
    }
}
