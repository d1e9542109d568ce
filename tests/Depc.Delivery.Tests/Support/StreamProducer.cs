using System.Text;
using Confluent.Kafka;

namespace Depc.Delivery.Tests.Support;

/// <summary>An ordinary idempotent producer: each message to its partition, with its record timestamp, in order.</summary>
internal sealed class StreamProducer(string bootstrap) : IDisposable
{
    private readonly IProducer<Null, byte[]> _producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrap,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
    }).Build();

    public async Task ProduceAsync(string topic, IEnumerable<StreamMessage> messages)
    {
        var sends = messages.Select(m => _producer.ProduceAsync(
            new TopicPartition(topic, m.Partition),
            new Message<Null, byte[]> { Value = Encoding.UTF8.GetBytes(m.Json), Timestamp = new Timestamp(m.Timestamp) })).ToList();
        await Task.WhenAll(sends);
    }

    public void Dispose() => _producer.Dispose();
}
