using System.Buffers.Binary;
using Depc.Core.Changes;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// Writes a write's change-index entries (<see cref="ChangeBuckets"/>): one <c>changes</c> row per team and bucket
/// touched, its entries packed in a blob of 24 bytes each (moment, source or node id, target id or 0, little-endian).
/// A batch whose events arrive in time order appends a handful of rows, not one per boundary.
/// </summary>
internal sealed class ChangeRows(SqliteConnection connection) : IDisposable
{
    public const int EntryBytes = 24;

    private readonly RawStatement _insert = new(connection, "INSERT INTO changes (team, bucket, entries) VALUES (?1, ?2, ?3)");
    private byte[] _buffer = new byte[64 * EntryBytes];

    public void Write(string team, ChangeRecorder<ChangedElement> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var (bucket, entries) in changes.Buckets())
        {
            if (_buffer.Length < entries.Count * EntryBytes)
            {
                _buffer = new byte[Math.Max(entries.Count * EntryBytes, _buffer.Length * 2)];
            }

            var at = 0;
            foreach (var (ts, element) in entries)
            {
                BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(at), ts);
                BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(at + 8), element.Source);
                BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(at + 16), element.Target);
                at += EntryBytes;
            }

            _insert.Bind(1, team).Bind(2, bucket).BindBlob(3, _buffer.AsSpan(0, at)).Execute();
        }
    }

    /// <summary>Reads the entries of a blob written by <see cref="Write"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> blob, Action<long, ChangedElement> entry)
    {
        for (var at = 0; at + EntryBytes <= blob.Length; at += EntryBytes)
        {
            entry(
                BinaryPrimitives.ReadInt64LittleEndian(blob[at..]),
                new ChangedElement(BinaryPrimitives.ReadInt64LittleEndian(blob[(at + 8)..]), BinaryPrimitives.ReadInt64LittleEndian(blob[(at + 16)..])));
        }
    }

    public void Dispose() => _insert.Dispose();
}
