using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Depc.Sqlite.Writing;

/// <summary>
/// A statement prepared once on the write connection's own handle and driven through the SQLite
/// C API (bind by position, step, reset). The batch write path runs hundreds of thousands of
/// these; ADO.NET's per-execution work (by-name binding, readers) cost more than SQLite itself.
/// It runs inside whatever transaction the connection has open; the readers that walk big subgraphs use it too.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int index, long? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Binds UTF-8 text (SQLite copies it), without the string-to-UTF-8 copy of the string overload.</summary>
    public RawStatement BindUtf8(int index, ReadOnlySpan<byte> utf8)
    {
        Check(raw.sqlite3_bind_text(_statement, index, utf8));
        return this;
    }

    /// <summary>Binds a blob (SQLite copies it).</summary>
    public RawStatement BindBlob(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>
    /// Runs the statement to its first row: true when there is one (read it, then <see cref="Reset"/>);
    /// false when there is none, and the statement is then ready for the next binding.
    /// </summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
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

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public long? NullableInt64(int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, column);

    public string? Text(int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_statement, column).utf8_to_string();

    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    /// <summary>A text or blob column's bytes (UTF-8 for text), valid until the next step: no string made.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
