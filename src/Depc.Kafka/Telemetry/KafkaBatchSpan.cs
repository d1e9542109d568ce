using System.Diagnostics;
using Depc.Core.Telemetry;
using Depc.Kafka.Consuming;

namespace Depc.Kafka.Telemetry;

/// <summary>
/// The span of one store write of Kafka batches (<c>depc.kafka.batch</c>): the team, its topic, the partitions and
/// offsets written, the message count (OpenTelemetry's messaging attributes where they fit), then the outcome counts.
/// </summary>
internal static class KafkaBatchSpan
{
    public static Activity? Start(IReadOnlyList<PendingBatch> batches)
    {
        var span = DepcTracing.Source.StartActivity("depc.kafka.batch");
        if (span is null)
        {
            return null;
        }

        var partitions = batches.Select(static b => b.PartitionId).Distinct().ToArray();
        span.SetTag("messaging.system", "kafka")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.destination.name", batches[0].Topic)
            .SetTag("messaging.batch.message_count", batches.Sum(static b => b.Messages.Count))
            .SetTag(DepcTracing.Team, batches[0].Team.Value)
            .SetTag("depc.partitions", partitions)
            .SetTag("depc.offsets", batches.Select(static b => $"{b.PartitionId}@{b.FirstOffset}-{b.LastOffset}").ToArray());
        if (partitions.Length == 1)
        {
            span.SetTag("messaging.destination.partition.id", partitions[0].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return span;
    }
}
