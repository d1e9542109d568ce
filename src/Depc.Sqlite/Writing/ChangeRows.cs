using Depc.Core.Changes;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Writes a write's change-index entries (<see cref="ChangeBuckets"/>): one <c>changes</c> row per team and bucket
/// touched, its entries packed in a blob after the first entry's moment, each as three unsigned LEB128 varints: the
/// moment as the step from the previous one (entries are sorted by time), the source (or node) id and the target id
/// (0 for a node): about 7 bytes an entry where fixed-width integers take 24.
/// </summary>
internal sealed class ChangeRows(SqliteConnection connection) : IDisposable
{
    private readonly RawStatement _insert = new(connection, "INSERT INTO changes (team, bucket, entries) VALUES (?1, ?2, ?3)");
    private byte[] _buffer = new byte[1024];

    public void Write(string team, ChangeRecorder<ChangedElement> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var (bucket, entries) in changes.Buckets())
        {
            // Ten bytes at most per varint; the bucket's first moment comes ahead of the entries.
            var most = (entries.Count * 30) + 10;
            if (_buffer.Length < most)
            {
                _buffer = new byte[Math.Max(most, _buffer.Length * 2)];
            }

            var previous = entries[0].Ts;
            var at = Put(_buffer, 0, (ulong)previous);
            foreach (var (ts, element) in entries)
            {
                at = Put(_buffer, at, (ulong)(ts - previous));
                at = Put(_buffer, at, (ulong)element.Source);
                at = Put(_buffer, at, (ulong)element.Target);
                previous = ts;
            }

            _insert.Bind(1, team).Bind(2, bucket).BindBlob(3, _buffer.AsSpan(0, at)).Execute();
        }
    }

    /// <summary>Reads the entries of a blob written by <see cref="Write"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> blob, Action<long, ChangedElement> entry)
    {
        var at = 0;
        var ts = (long)Get(blob, ref at);
        while (at < blob.Length)
        {
            ts += (long)Get(blob, ref at);
            var source = (long)Get(blob, ref at);
            var target = (long)Get(blob, ref at);
            entry(ts, new ChangedElement(source, target));
        }
    }

    public void Dispose() => _insert.Dispose();

    private static int Put(Span<byte> buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    private static ulong Get(ReadOnlySpan<byte> blob, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = blob[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
