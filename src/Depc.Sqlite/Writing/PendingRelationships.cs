using Depc.Core.Periods;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// The relationship rows a write transaction changed, written in key order when the transaction commits (or when the
/// write cache needs room), not batch by batch, once the file outgrows the page cache: the unique index (source, target) and the table are then walked once
/// per flush instead of at random. On a file of millions of relationships a batch's keys land on most of the index's
/// pages, so writing them batch by batch needed the whole index in the page cache; in key order it does not, and the
/// pages a transaction dirties stay about the same however many batches it holds. A key changed by several batches is
/// written once, with its state from the write cache (which holds every pending key until the flush). While the file
/// fits in the cache, the writer flushes after each batch instead (<c>SqliteBatchWriter</c>): every page is cached anyway, and
/// the rows are then written while the next batch is read rather than all at the end of a run.
/// </summary>
internal sealed class PendingRelationships : IDisposable
{
    private readonly WriteCache _cache;
    private readonly RawStatement _upsert;
    private readonly List<(long Source, long Target)> _keys = [];
    private byte[] _periods = new byte[256];

    public PendingRelationships(SqliteConnection connection, WriteCache cache)
    {
        _cache = cache;
        _upsert = new RawStatement(
            connection,
            """
            INSERT INTO relationships (source_id, target_id, periods, last_state, last_ts) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (source_id, target_id) DO UPDATE SET periods = excluded.periods, last_state = excluded.last_state, last_ts = excluded.last_ts
            """);
    }

    /// <summary>Rows waiting for <see cref="Flush"/> (a key changed twice counts twice).</summary>
    public int Count => _keys.Count;

    /// <summary>Marks a relationship whose new state the cache now holds.</summary>
    public void Add(long source, long target) => _keys.Add((source, target));

    /// <summary>Writes every pending row in key order, in the open transaction.</summary>
    public void Flush()
    {
        _keys.Sort((a, b) => a.Source != b.Source ? a.Source.CompareTo(b.Source) : a.Target.CompareTo(b.Target));
        for (var i = 0; i < _keys.Count; i++)
        {
            var key = _keys[i];
            if (i + 1 < _keys.Count && _keys[i + 1] == key)
            {
                continue;
            }

            var state = _cache.StateOf(key, _cache.Relationships[key]);
            _upsert
                .Bind(1, key.Source)
                .Bind(2, key.Target)
                .BindUtf8(3, PeriodsCodec.EncodeUtf8(state.Periods, ref _periods))
                .BindUtf8(4, state.LastState == LastState.From ? "from"u8 : "to"u8)
                .Bind(5, state.LastTs)
                .Execute();
        }

        _keys.Clear();
    }

    /// <summary>Forgets the pending rows (their transaction is rolled back).</summary>
    public void Clear() => _keys.Clear();

    public void Dispose() => _upsert.Dispose();
}
