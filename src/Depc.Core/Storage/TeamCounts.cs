namespace Depc.Core.Storage;

/// <summary>
/// A team's ingestion counts as the store keeps them, updated in the transaction of every write
/// (<c>received = accepted + rejected + duplicates</c>), and when a write last brought messages (Unix seconds).
/// </summary>
public sealed record TeamCounts(long Received, long Accepted, long Rejected, long Duplicates, long? LastMessageAt)
{
    public static TeamCounts None { get; } = new(0, 0, 0, 0, null);
}
