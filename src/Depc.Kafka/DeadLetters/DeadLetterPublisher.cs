using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Depc.Kafka.Configuration;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.DeadLetters;

/// <summary>
/// Forwards rejected messages to <c>depc.&lt;team&gt;.rejected</c> with the original payload and headers
/// naming the reason and the source. Awaited before the batch's offsets are stored, so a crash
/// re-sends rather than loses them; a failure to forward is logged and never stops consumption.
/// </summary>
internal sealed class DeadLetterPublisher : IDisposable
{
    private readonly ILogger _logger;
    private readonly Lazy<IProducer<Null, byte[]>> _producer;

    public DeadLetterPublisher(KafkaOptions options, ILogger logger)
    {
        _logger = logger;
        _producer = new Lazy<IProducer<Null, byte[]>>(
            () => new ProducerBuilder<Null, byte[]>(options.BuildProducerConfig()).Build(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static string TopicOf(string team) => Core.Naming.TeamName.TopicPrefix + team + DeadLetterHeaders.TopicSuffix;

    public async Task PublishAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        if (letters.Count == 0)
        {
            return;
        }

        var sends = new List<(DeadLetter Letter, Task Send)>(letters.Count);
        foreach (var letter in letters)
        {
            sends.Add((letter, _producer.Value.ProduceAsync(TopicOf(letter.Team.Value), ToMessage(letter), cancellationToken)));
        }

        foreach (var (letter, send) in sends)
        {
            try
            {
                await send.ConfigureAwait(false);
            }
            catch (Exception e) when (e is ProduceException<Null, byte[]> or KafkaException)
            {
                Log.DeadLetterFailed(_logger, e, letter.Team.Value, TopicOf(letter.Team.Value));
            }
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

    private static Message<Null, byte[]> ToMessage(DeadLetter letter)
    {
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(letter.Reason) },
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
