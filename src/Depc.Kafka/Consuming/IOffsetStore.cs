namespace Depc.Kafka.Consuming;

/// <summary>Marks a batch's offsets as committable; called by the writer only after the store write.</summary>
internal interface IOffsetStore
{
    void StoreOffsets(PendingBatch batch);
}
