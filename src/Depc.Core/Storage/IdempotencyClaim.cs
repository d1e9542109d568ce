using Depc.Core.Ingestion;

namespace Depc.Core.Storage;

/// <summary>
/// An HTTP request's <c>Idempotency-Key</c> (SPEC §5): the store applies a write with a key at most once per team and
/// key, kept at least <paramref name="Retention"/>; it keeps the answer that <paramref name="Answer"/> makes of the
/// report, and the request's hash, so that a repeat gets the first answer (or is told it is not the same request).
/// </summary>
public sealed record IdempotencyClaim(string Key, byte[] RequestHash, TimeSpan Retention, Func<IngestReport, string> Answer);
