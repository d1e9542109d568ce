namespace Depc.Core.Storage;

/// <summary>
/// The messages <c>[First, Next)</c> of a Kafka partition that a write applies, for one consumer group: the store moves
/// the partition's position to <c>Next</c> in the same transaction, unless its stored position is past
/// <c>First</c> (another writer applied some of them already: the write is fenced).
/// </summary>
public sealed record PositionClaim(string Group, string Topic, int Partition, long First, long Next)
{
    /// <summary>One key per (group, topic, partition): a topic holds no '/', a partition is digits, the group is the rest.</summary>
    public string Key => StoredPosition.KeyOf(Group, Topic, Partition);
}
