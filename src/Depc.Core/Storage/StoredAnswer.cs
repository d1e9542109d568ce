namespace Depc.Core.Storage;

/// <summary>What the store kept of a request applied with an idempotency key: the request's hash and its answer.</summary>
public sealed record StoredAnswer(byte[] RequestHash, string Answer, long CreatedAt)
{
    public bool IsFor(byte[] requestHash) => RequestHash.AsSpan().SequenceEqual(requestHash);
}
