using System.Globalization;
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
    public async Task ReportAsync(PendingBatch batch, IReadOnlyList<MessageRejection> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        var at = time.GetUtcNow();
        var letters = deadLetters is null ? null : new List<DeadLetter>(rejections.Count);
        foreach (var rejection in rejections)
        {
            var offset = OffsetOf(rejection.Origin);
            Log.MessageRejected(logger, batch.Team.Value, batch.Topic, batch.PartitionId, offset, rejection.Reason);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.RejectedPayload(logger, batch.Team.Value, rejection.Origin, rejection.Payload);
            }

            try
            {
                sink.Report(batch.Team, rejection, at);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sink's failure must not hold back ingestion; the log line above still has it.
                Log.SinkFailed(logger, e, batch.Team.Value);
            }

            if (letters is not null && Find(batch, rejection.Origin) is { } raw)
            {
                letters.Add(new DeadLetter(batch.Team, raw.Payload, batch.Topic, batch.PartitionId, offset, rejection.Reason));
            }
        }

        if (deadLetters is not null && letters is { Count: > 0 })
        {
            await deadLetters.PublishAsync(letters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static long OffsetOf(string origin)
    {
        var at = origin.LastIndexOf('@');
        return at >= 0 && long.TryParse(origin.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : -1;
    }

    private static RawMessage? Find(PendingBatch batch, string origin)
    {
        // A batch's messages are in offset order.
        var offset = OffsetOf(origin);
        int low = 0, high = batch.Messages.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var found = OffsetOf(batch.Messages[mid].Origin);
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
