using Depc.Sqlite.Writing;

namespace Depc.Sqlite.Reading;

/// <summary>
/// Up to <c>capacity</c> rows of an impact layer copied out of the statement (<see cref="ImpactReader"/>): the
/// relationship's ends, the dependent's bounds, and the bytes of its periods, label and name, so that the rows can be
/// turned into strings and graph entries on another thread while SQLite steps on, or in chunks on the same thread.
/// </summary>
internal sealed class LayerRows(int capacity)
{
    private const int InitialRows = 64;

    private long[] _targets = new long[InitialRows];
    private long[] _sources = new long[InitialRows];
    private long[] _from = new long[InitialRows];
    private long[] _to = new long[InitialRows];

    // Row i's periods, label and name are _bytes[_ends[3i].._ends[3i+1]], [_ends[3i+1].._ends[3i+2]], [_ends[3i+2].._ends[3i+3]].
    private int[] _ends = new int[(3 * InitialRows) + 1];
    private byte[] _bytes = new byte[64 * InitialRows];

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    public void Clear() => Count = 0;

    /// <summary>Copies the statement's current row (target, source, periods, label, name, from, to; bounds -1 when absent).</summary>
    public void Add(RawStatement row)
    {
        if (Count == _targets.Length)
        {
            Grow();
        }

        var at = Count++;
        (_targets[at], _sources[at], _from[at], _to[at]) = (row.Int64(0), row.Int64(1), row.Int64(5), row.Int64(6));
        var end = _ends[3 * at];
        end = Append(end, row.Bytes(2));
        _ends[(3 * at) + 1] = end;
        end = Append(end, row.Bytes(3));
        _ends[(3 * at) + 2] = end;
        _ends[(3 * at) + 3] = Append(end, row.Bytes(4));
    }

    public long Target(int row) => _targets[row];

    public long Source(int row) => _sources[row];

    public long From(int row) => _from[row];

    public long To(int row) => _to[row];

    public ReadOnlySpan<byte> Periods(int row) => Field(3 * row);

    public ReadOnlySpan<byte> Label(int row) => Field((3 * row) + 1);

    public ReadOnlySpan<byte> Name(int row) => Field((3 * row) + 2);

    private void Grow()
    {
        var rows = Math.Min(capacity, Count * 2);
        Array.Resize(ref _targets, rows);
        Array.Resize(ref _sources, rows);
        Array.Resize(ref _from, rows);
        Array.Resize(ref _to, rows);
        Array.Resize(ref _ends, (3 * rows) + 1);
    }

    private ReadOnlySpan<byte> Field(int index) => _bytes.AsSpan(_ends[index], _ends[index + 1] - _ends[index]);

    private int Append(int at, ReadOnlySpan<byte> value)
    {
        if (at + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, at + value.Length));
        }

        value.CopyTo(_bytes.AsSpan(at));
        return at + value.Length;
    }
}
