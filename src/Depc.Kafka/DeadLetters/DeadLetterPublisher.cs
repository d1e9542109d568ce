using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Depc.Core.Ingestion;
using Depc.Kafka.Configuration;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.DeadLetters;

/// <summary>
/// Forwards rejected messages to <c>depc.&lt;team&gt;.rejected</c> with the original payload (cut to
/// <see cref="DeadLetterHeaders.MaxPayloadBytes"/>) and headers naming the reason and the source. Handed to the producer
/// without waiting for delivery: the batch's position already committed with its writes, so waiting would only let a
/// slow or absent broker hold ingestion back. What is handed over and not yet delivered is bounded by
/// <see cref="KafkaOptions.DeadLetterQueueBytes"/>; letters beyond it are dropped and counted
/// (<c>depc.rejections.dropped</c>, queue <c>dead_letters</c>). A failure to forward is logged and never stops consumption.
/// </summary>
internal sealed class DeadLetterPublisher : IDisposable
{
    // Headers, topic names and librdkafka's own bookkeeping of one letter, roughly.
    private const int Overhead = 512;

    private readonly ILogger _logger;
    private readonly DepcMetrics _metrics;
    private readonly ReportBudget _budget;
    private readonly Lazy<IProducer<Null, byte[]>> _producer;
    private long _refusedQueueFull;

    public DeadLetterPublisher(KafkaOptions options, DepcMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_metrics, _logger) = (metrics, logger);
        _budget = new ReportBudget(options.DeadLetterQueueBytes);
        _producer = new Lazy<IProducer<Null, byte[]>>(
            () => new ProducerBuilder<Null, byte[]>(options.BuildProducerConfig()).Build(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Bytes of letters handed to the producer and not yet delivered (or failed).</summary>
    public long Held => _budget.Held;

    /// <summary>Letters dropped because the queue was full.</summary>
    public long Dropped => _budget.Dropped + Interlocked.Read(ref _refusedQueueFull);

    public static string TopicOf(string team) => Core.Naming.TeamName.TopicPrefix + team + DeadLetterHeaders.TopicSuffix;

    /// <summary>Hands the letters to the producer as far as the budget allows; never waits for the broker.</summary>
    public void Publish(IReadOnlyList<DeadLetter> letters)
    {
        var dropped = 0;
        foreach (var letter in letters)
        {
            var size = SizeOf(letter);
            if (!_budget.TryTake(size))
            {
                dropped++;
                continue;
            }

            var topic = TopicOf(letter.Team.Value);
            try
            {
                _producer.Value.Produce(topic, ToMessage(letter), report =>
                {
                    _budget.Release(size);
                    if (report.Error.IsError)
                    {
                        Log.DeadLetterUndelivered(_logger, letter.Team.Value, topic, report.Error.Reason);
                    }
                });
            }
            catch (ProduceException<Null, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // librdkafka's own count of queued messages (queue.buffering.max.messages) is full: dropped like over budget.
                _budget.Release(size);
                Interlocked.Increment(ref _refusedQueueFull);
                dropped++;
            }
            catch (Exception e) when (e is ProduceException<Null, byte[]> or KafkaException)
            {
                // Refused at once (a message too large, a producer in error): never reaches the delivery handler.
                _budget.Release(size);
                Log.DeadLetterFailed(_logger, e, letter.Team.Value, topic);
            }
        }

        if (dropped > 0)
        {
            _metrics.ReportsDropped(letters[0].Team, DepcMetrics.DeadLetterQueue, dropped);
            Log.DeadLettersDropped(_logger, letters[0].Team.Value, dropped, _budget.Held);
        }
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }

    /// <summary>The bytes a letter holds once handed over: payload as cut, reason as cut (UTF-8, at most 3 bytes a char), headers.</summary>
    internal static long SizeOf(DeadLetter letter) =>
        Math.Min(letter.Payload.Length, DeadLetterHeaders.MaxPayloadBytes) + (3L * Math.Min(letter.Reason.Length, ReasonText.MaxChars + 1)) + Overhead;

    private static Message<Null, byte[]> ToMessage(DeadLetter letter)
    {
        // The payload is the letter, the reason a pointer: cut like the feed's.
        var reason = ReasonText.Cut(letter.Reason);
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { DeadLetterHeaders.SourceTopic, Encoding.UTF8.GetBytes(letter.SourceTopic) },
            { DeadLetterHeaders.SourcePartition, Encoding.UTF8.GetBytes(letter.SourcePartition.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.SourceOffset, Encoding.UTF8.GetBytes(letter.SourceOffset.ToString(CultureInfo.InvariantCulture)) },
        };
        var payload = letter.Payload;
        if (payload.Length > DeadLetterHeaders.MaxPayloadBytes)
        {
            headers.Add(DeadLetterHeaders.OriginalLength, Encoding.UTF8.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture)));
            payload = payload[..DeadLetterHeaders.MaxPayloadBytes];
        }

        return new Message<Null, byte[]> { Value = payload.ToArray(), Headers = headers };
    }
}
