using Confluent.Kafka;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;

namespace Depc.Kafka.Producing;

/// <summary>
/// Sends a team's validated messages to <c>depc.&lt;team&gt;</c> (idempotent, acks=all). Messages are
/// keyed by their source node (<c>Label:name</c>) so that every message about a node lands in one
/// partition and keeps its order. Thread-safe; <see cref="FlushAsync"/> waits for every delivery.
/// </summary>
public sealed class TeamProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private long _delivered;
    private long _failed;
    private string? _firstError;

    public TeamProducer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _producer = new ProducerBuilder<string, byte[]>(options.BuildProducerConfig()).Build();
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The first delivery error, if any.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>Queues one message; blocks briefly when the client's queue is full.</summary>
    public void Send(TeamName team, GraphMessage message, ReadOnlySpan<byte> payload, PushFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = format == PushFormat.AsIs ? payload.ToArray() : MessageEncoder.Encode(message, format);
        var record = new Message<string, byte[]> { Key = message.Source.Label + ":" + message.Source.Name, Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(team.Topic, record, OnDelivery);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Waits until every queued message is delivered or failed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        Task.Run(() => _producer.Flush(cancellationToken), cancellationToken);

    public void Dispose() => _producer.Dispose();

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, $"{report.Topic}: {report.Error.Reason}", null);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
