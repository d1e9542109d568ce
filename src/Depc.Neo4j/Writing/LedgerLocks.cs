using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The first request's part of a write's ledger: lock and read its claimed positions and its idempotency key. Once
/// that request has answered, it says whether the write may go on, or is replayed or fenced (then rolled back).
/// </summary>
internal sealed class LedgerLocks
{
    private readonly StoreWrite _write;
    private readonly long[] _stored;
    private StoredAnswer? _answer;

    public LedgerLocks(StoreWrite write)
    {
        _write = write;
        _stored = new long[write.Positions.Count];
    }

    /// <summary>True when the write has something to lock and read before it may go on (a key, a position).</summary>
    public bool MustRead => _write.Idempotency is not null || _write.Positions.Count > 0;

    /// <summary>The statements that lock and read, first in the transaction's first request.</summary>
    public IEnumerable<CypherStatement> Statements()
    {
        if (_write.Idempotency is not null)
        {
            yield return LedgerStatements.LockKey(_write, found => _answer = found);
        }

        if (_write.Positions.Count > 0)
        {
            yield return LedgerStatements.LockPositions(_write, _stored);
        }
    }

    /// <summary>Why the write must not go on, or null when it may.</summary>
    public WriteOutcome? Refusal()
    {
        if (_answer is { } answer && _write.Idempotency is { } key && answer.CreatedAt >= _write.At - (long)key.Retention.TotalSeconds)
        {
            return WriteOutcome.Replayed(_write, answer);
        }

        var fenced = false;
        var stored = new List<StoredPosition>(_stored.Length);
        for (var i = 0; i < _stored.Length; i++)
        {
            var claim = _write.Positions[i];
            stored.Add(new StoredPosition(claim.Topic, claim.Partition, _stored[i]));
            fenced |= _stored[i] > claim.First;
        }

        return fenced ? WriteOutcome.Fenced(_write, stored) : null;
    }
}
