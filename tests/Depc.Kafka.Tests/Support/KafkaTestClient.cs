using System.Text;
using Confluent.Kafka;

namespace Depc.Kafka.Tests.Support;

/// <summary>An ordinary producer and offset queries, as any Kafka user would write them.</summary>
internal static class KafkaTestClient
{
    /// <summary>Produces each message with the record timestamp <paramref name="timestamp"/> (default <see cref="FixedClock.Default"/>): a message's "now", so graphs of two runs compare.</summary>
    public static Task<List<DeliveryResult<string?, byte[]>>> ProduceAsync(string bootstrap, string topic, IEnumerable<(string? Key, byte[] Value)> messages, DateTimeOffset? timestamp = null) =>
        ProduceAsync(bootstrap, topic, messages.Select(m => (m.Key, m.Value, timestamp ?? FixedClock.Default)));

    public static async Task<List<DeliveryResult<string?, byte[]>>> ProduceAsync(string bootstrap, string topic, IEnumerable<(string? Key, byte[] Value, DateTimeOffset Timestamp)> messages)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            LingerMs = 5,
            MessageMaxBytes = 4_000_000,
        }).Build();
        var sends = messages.Select(m => producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = m.Key, Value = m.Value, Timestamp = new Timestamp(m.Timestamp) })).ToList();
        var results = new List<DeliveryResult<string?, byte[]>>(sends.Count);
        foreach (var send in sends)
        {
            results.Add(await send);
        }

        return results;
    }

    public static Task<List<DeliveryResult<string?, byte[]>>> ProduceAsync(string bootstrap, string topic, IEnumerable<(string? Key, string Json)> messages) =>
        ProduceAsync(bootstrap, topic, messages.Select(m => (m.Key, Encoding.UTF8.GetBytes(m.Json))));

    /// <summary>Committed offset per partition (-1 when none), read as the group's next member would.</summary>
    public static Dictionary<int, long> Committed(string bootstrap, string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p));
        return consumer.Committed(tps, TimeSpan.FromSeconds(10)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
    }

    public static Dictionary<int, long> HighWatermarks(string bootstrap, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "watermarks" }).Build();
        return Enumerable.Range(0, partitions).ToDictionary(
            p => p,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public static async Task WaitAllCommittedAsync(string bootstrap, string group, string topic, int partitions, TimeSpan timeout)
    {
        var high = HighWatermarks(bootstrap, topic, partitions);
        await Eventually.TrueAsync(
            () =>
            {
                var committed = Committed(bootstrap, group, topic, partitions);
                return Task.FromResult(high.All(h => h.Value == 0 || committed[h.Key] == h.Value));
            },
            timeout,
            $"all of {topic} committed by {group}");
    }
}
