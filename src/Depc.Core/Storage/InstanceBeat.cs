namespace Depc.Core.Storage;

/// <summary>
/// One <c>depc serve</c> instance as it last reported itself through the shared store: its id and host, the partitions
/// it held, when it last wrote a batch and when it was last seen (Unix seconds). Every instance writes its own
/// periodically (<see cref="IGraphStore.WriteInstanceAsync"/>), so any of them can list the others.
/// </summary>
public sealed record InstanceBeat(string Id, string Host, IReadOnlyList<HeldPartition> Partitions, long? LastWriteAt, long LastSeenAt);
