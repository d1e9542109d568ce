namespace Depc.Core.Storage;

/// <summary>One rejection as a team's feed keeps it: when (Unix seconds), which path, where in it, why, and the payload.</summary>
public sealed record FeedEntry(long Time, string Source, string Origin, string Reason, string Payload);
