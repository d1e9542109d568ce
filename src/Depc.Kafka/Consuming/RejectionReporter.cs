using Depc.Core.Ingestion;
using Depc.Kafka.DeadLetters;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Makes every rejection of a written batch visible: a structured log line (team, topic, partition, offset, reason),
/// the team's feed through the <see cref="IRejectionSink"/> when the store did not record it in the write's own
/// transaction, and, when enabled, the dead-letter topic. Never waits: the feed's and the dead letters' queues are
/// bounded by bytes and drop (counted) what does not fit, so a batch full of rejections costs bounded memory.
/// </summary>
internal sealed class RejectionReporter(IRejectionSink sink, DeadLetterPublisher? deadLetters, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Rejections of one write logged one by one at most: a flood of rejected messages must not become a flood of log
    /// lines (the console logger waits when its queue is full, which would hold the writer back). The rest are summed
    /// up in one line; each is still in the feed, the counts and, when enabled, the dead letters.
    /// </summary>
    public const int MaxLoggedPerWrite = 20;

    /// <summary>Reports the rejections of one store write made of <paramref name="batches"/> (one team, any partitions).</summary>
    public void Report(IReadOnlyList<PendingBatch> batches, IReadOnlyList<MessageRejection> rejections, bool recordedByStore)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        var team = batches[0].Team;
        var at = time.GetUtcNow();
        var letters = deadLetters is null ? null : new List<DeadLetter>(rejections.Count);
        for (var i = 0; i < rejections.Count; i++)
        {
            var rejection = rejections[i];
            var origin = rejection.Origin;
            if (i < MaxLoggedPerWrite)
            {
                Log.MessageRejected(logger, team.Value, origin.Name ?? "", origin.Partition, origin.Position, rejection.Reason);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.RejectedPayload(logger, team.Value, origin.ToString(), rejection.Payload);
            }

            if (!recordedByStore)
            {
                try
                {
                    sink.Report(team, rejection, at);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A sink's failure must not hold back ingestion; the log line above still has it.
                    Log.SinkFailed(logger, e, team.Value);
                }
            }

            if (letters is not null && Find(batches, origin) is { } raw)
            {
                letters.Add(new DeadLetter(team, raw.Payload, origin.Name!, origin.Partition, origin.Position, rejection.Reason));
            }
        }

        if (rejections.Count > MaxLoggedPerWrite)
        {
            Log.RejectionsNotLogged(logger, team.Value, rejections.Count - MaxLoggedPerWrite, rejections.Count);
        }

        if (deadLetters is not null && letters is { Count: > 0 })
        {
            deadLetters.Publish(letters);
        }
    }

    private static RawMessage? Find(IReadOnlyList<PendingBatch> batches, MessageOrigin origin)
    {
        foreach (var batch in batches)
        {
            if (batch.Partition.Partition == origin.Partition && origin.Position >= batch.FirstOffset && origin.Position <= batch.LastOffset && batch.Partition.Topic == origin.Name)
            {
                // A batch's messages are in offset order.
                int low = 0, high = batch.Messages.Count - 1;
                while (low <= high)
                {
                    var mid = low + ((high - low) / 2);
                    var offset = batch.Messages[mid].Origin.Position;
                    if (offset == origin.Position)
                    {
                        return batch.Messages[mid];
                    }

                    (low, high) = offset < origin.Position ? (mid + 1, high) : (low, mid - 1);
                }
            }
        }

        return null;
    }
}
