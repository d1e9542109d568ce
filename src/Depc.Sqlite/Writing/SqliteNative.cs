using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Depc.Sqlite.Writing;

/// <summary>
/// The SQLite C API calls <see cref="RawStatement"/> makes per row, on the statement's raw handle. Through SQLitePCL's
/// safe handles each call also took and released a reference on the handle: as much time as SQLite's own work on a
/// large impacted read, where a row is eight calls. The library is the one Microsoft.Data.Sqlite loads (e_sqlite3).
/// The column and bind calls neither block nor call back into .NET, so they skip the GC transition.
/// </summary>
internal static unsafe partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the bound bytes before the call returns.</summary>
    private static readonly nint Transient = -1;

    [LibraryImport(Library)]
    public static partial int sqlite3_step(nint statement);

    [LibraryImport(Library)]
    public static partial int sqlite3_reset(nint statement);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial long sqlite3_column_int64(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_type(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial byte* sqlite3_column_blob(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_column_bytes(nint statement, int column);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_int64(nint statement, int index, long value);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial int sqlite3_bind_null(nint statement, int index);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    private static partial int sqlite3_bind_text(nint statement, int index, byte* text, int bytes, nint destructor);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    private static partial int sqlite3_bind_blob(nint statement, int index, byte* value, int bytes, nint destructor);

    /// <summary>A text or blob column's bytes, valid until the statement steps or resets.</summary>
    public static ReadOnlySpan<byte> ColumnBytes(nint statement, int column)
    {
        // Blob first, then its length: SQLite's documented order for a column that may need converting.
        var bytes = sqlite3_column_blob(statement, column);
        return bytes is null ? [] : new ReadOnlySpan<byte>(bytes, sqlite3_column_bytes(statement, column));
    }

    public static int BindText(nint statement, int index, ReadOnlySpan<byte> utf8)
    {
        // fixed gives an empty span no address, and SQLite binds a null pointer as NULL: point an empty value at a byte.
        fixed (byte* text = utf8.IsEmpty ? "\0"u8 : utf8)
        {
            return sqlite3_bind_text(statement, index, text, utf8.Length, Transient);
        }
    }

    public static int BindBlob(nint statement, int index, ReadOnlySpan<byte> value)
    {
        fixed (byte* bytes = value.IsEmpty ? "\0"u8 : value)
        {
            return sqlite3_bind_blob(statement, index, bytes, value.Length, Transient);
        }
    }
}
