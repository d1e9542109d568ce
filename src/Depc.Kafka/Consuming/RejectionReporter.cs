using Depc.Core.Ingestion;
using Depc.Kafka.DeadLetters;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Makes every rejection visible: a structured log line (team, topic, partition, offset, reason),
/// the <see cref="IRejectionSink"/> that shows it to the team, and, when enabled, the dead-letter topic.
/// </summary>
internal sealed class RejectionReporter(IRejectionSink sink, DeadLetterPublisher? deadLetters, TimeProvider time, ILogger logger)
{
    /// <summary>Reports the rejections of one store write made of <paramref name="batches"/> (one team, any partitions).</summary>
    public async Task ReportAsync(IReadOnlyList<PendingBatch> batches, IReadOnlyList<MessageRejection> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        var team = batches[0].Team;
        var at = time.GetUtcNow();
        var letters = deadLetters is null ? null : new List<DeadLetter>(rejections.Count);
        foreach (var rejection in rejections)
        {
            var known = KafkaOrigin.TryParse(rejection.Origin, out var topic, out var partition, out var offset);
            Log.MessageRejected(logger, team.Value, topic, partition, offset, rejection.Reason);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.RejectedPayload(logger, team.Value, rejection.Origin, rejection.Payload);
            }

            try
            {
                sink.Report(team, rejection, at);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sink's failure must not hold back ingestion; the log line above still has it.
                Log.SinkFailed(logger, e, team.Value);
            }

            if (letters is not null && known && Find(batches, topic, partition, offset) is { } raw)
            {
                letters.Add(new DeadLetter(team, raw.Payload, topic, partition, offset, rejection.Reason));
            }
        }

        if (deadLetters is not null && letters is { Count: > 0 })
        {
            await deadLetters.PublishAsync(letters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RawMessage? Find(IReadOnlyList<PendingBatch> batches, string topic, int partition, long offset)
    {
        foreach (var batch in batches)
        {
            if (batch.PartitionId == partition && offset >= batch.FirstOffset && offset <= batch.LastOffset && batch.Topic == topic)
            {
                return Find(batch, offset);
            }
        }

        return null;
    }

    private static RawMessage? Find(PendingBatch batch, long offset)
    {
        // A batch's messages are in offset order.
        int low = 0, high = batch.Messages.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var found = KafkaOrigin.TryParse(batch.Messages[mid].Origin, out _, out _, out var o) ? o : -1;
            if (found == offset)
            {
                return batch.Messages[mid];
            }

            if (found < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return null;
    }
}
