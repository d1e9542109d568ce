using Depc.Core.Ingestion;

namespace Depc.Core.Storage;

/// <summary>
/// What a store persists beside the graph once a write's plan is applied (<see cref="StoreWrite.Complete"/>): the
/// counts to add to the team's, the feed entries (newest last), and the answer kept for the idempotency key.
/// </summary>
public sealed record CompletedWrite(IngestReport Report, TeamCounts Counts, IReadOnlyList<FeedEntry> Feed, string? Answer);
