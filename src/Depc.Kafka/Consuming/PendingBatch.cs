using Depc.Core.Ingestion;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>A cut micro-batch of one partition: its messages <c>[FirstOffset, LastOffset]</c> in offset order.</summary>
internal sealed record PendingBatch(
    PartitionState Partition,
    TeamName Team,
    IReadOnlyList<RawMessage> Messages,
    long FirstOffset,
    long LastOffset,
    long Bytes);
