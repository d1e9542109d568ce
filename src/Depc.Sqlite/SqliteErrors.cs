using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite;

/// <summary>Maps SQLite failures to the store exception family: a busy or locked file may free up, a bad schema will not.</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int NoMemory = 7;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int Protocol = 15;

    public static StoreException Map(SqliteException e, string what) =>
        new($"SQLite {what} failed: {e.Message}", IsTransient(e.SqliteErrorCode), e);

    private static bool IsTransient(int code) => (code & 0xff) is Busy or Locked or NoMemory or IoError or Full or CantOpen or Protocol;
}
