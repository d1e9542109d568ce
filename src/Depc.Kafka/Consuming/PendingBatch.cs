using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>A cut micro-batch of one partition: consecutive messages <c>[FirstOffset, LastOffset]</c> in offset order.</summary>
internal sealed record PendingBatch(
    PartitionState Partition,
    TeamName Team,
    IReadOnlyList<RawMessage> Messages,
    long FirstOffset,
    long LastOffset,
    long Bytes)
{
    public string Topic => Partition.TopicPartition.Topic;

    public int PartitionId => Partition.TopicPartition.Partition.Value;
}
