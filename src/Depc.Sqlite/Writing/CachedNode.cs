namespace Depc.Sqlite.Writing;

/// <summary>A node as stored: its id, and its bounds so that a message repeating them writes nothing.</summary>
internal readonly record struct CachedNode(long Id, long? From, long? To)
{
    /// <summary>True when applying these bounds (null: unchanged) would leave the node as it is.</summary>
    public bool Covers(long? from, long? to) => (from is null || from == From) && (to is null || to == To);
}
