namespace Depc.Core.Storage;

public enum WriteStatus
{
    /// <summary>Committed: the graph, the counts, the positions, the feed and the key together.</summary>
    Written,

    /// <summary>Nothing applied: a claimed partition's stored position is past the claim's first offset.</summary>
    Fenced,

    /// <summary>Nothing applied: the idempotency key was used before; its answer is given back.</summary>
    Replayed,
}
