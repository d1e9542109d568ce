using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Depc.Sqlite.Writing;

/// <summary>
/// A statement prepared once on the write connection's own handle and driven through the SQLite
/// C API (bind by position, step, reset). The batch write path runs hundreds of thousands of
/// these; ADO.NET's per-execution work (by-name binding, readers) cost more than SQLite itself.
/// It runs inside whatever transaction the connection has open; the readers that walk big subgraphs use it too. The
/// per-row calls go through <see cref="SqliteNative"/> on the raw handle, which the statement keeps referenced until
/// it is disposed.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const int TextKept = 4096;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private bool _referenced;
    private byte[]? _text;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _statement.DangerousAddRef(ref _referenced);
        _handle = _statement.DangerousGetHandle();
    }

    public RawStatement Bind(int index, long? value)
    {
        Check(value is { } v ? SqliteNative.sqlite3_bind_int64(_handle, index, v) : SqliteNative.sqlite3_bind_null(_handle, index));
        return this;
    }

    /// <summary>Binds text through one buffer kept by the statement (SQLitePCL's string overload made an array per call).</summary>
    public RawStatement Bind(int index, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        // Text past 4 KiB is rare (names are bounded by Depc:Limits:MaxNameBytes): a one-off array, not kept.
        var buffer = bytes > TextKept ? new byte[bytes]
            : _text is { } kept && kept.Length >= bytes ? kept
            : _text = new byte[Math.Max(bytes, 256)];
        Encoding.UTF8.GetBytes(value, buffer);
        Check(SqliteNative.BindText(_handle, index, buffer.AsSpan(0, bytes)));
        return this;
    }

    /// <summary>Binds UTF-8 text (SQLite copies it), without the string-to-UTF-8 copy of the string overload.</summary>
    public RawStatement BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        Check(SqliteNative.BindText(_handle, index, utf8));
        return this;
    }

    /// <summary>Binds a blob (SQLite copies it).</summary>
    public RawStatement BindBlob(int index, ReadOnlySpan<byte> value)
    {
        Check(SqliteNative.BindBlob(_handle, index, value));
        return this;
    }

    /// <summary>
    /// Runs the statement to its first row: true when there is one (read it, then <see cref="Reset"/>);
    /// false when there is none, and the statement is then ready for the next binding.
    /// </summary>
    public bool Step()
    {
        var rc = SqliteNative.sqlite3_step(_handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        _ = SqliteNative.sqlite3_reset(_handle);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>Runs a statement that returns no row.</summary>
    public void Execute() => Step();

    /// <summary>Rows changed by the connection's last statement.</summary>
    public int Changes() => raw.sqlite3_changes(_db);

    /// <summary>The rowid of the connection's last insert.</summary>
    public long LastInsertRowId() => raw.sqlite3_last_insert_rowid(_db);

    public long Int64(int column) => SqliteNative.sqlite3_column_int64(_handle, column);

    public long? NullableInt64(int column) => IsNull(column) ? null : Int64(column);

    public string? Text(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(Bytes(column));

    public byte[] Blob(int column) => Bytes(column).ToArray();

    /// <summary>A text or blob column's bytes (UTF-8 for text), valid until the next step: no string made.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => SqliteNative.ColumnBytes(_handle, column);

    public bool IsNull(int column) => SqliteNative.sqlite3_column_type(_handle, column) == raw.SQLITE_NULL;

    public void Reset() => _ = SqliteNative.sqlite3_reset(_handle);

    public void Dispose()
    {
        if (_referenced)
        {
            _statement.DangerousRelease();
            _referenced = false;
        }

        _statement.Dispose();
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
