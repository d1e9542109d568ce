using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite;

/// <summary>
/// Maps SQLite failures to the two kinds of store error (SPEC §5). Only a value the write carries can break a
/// constraint, be too big or mismatch a column: those are the message's fault. Everything else (busy, locked,
/// read-only, I/O, full disk, corrupt or not a database, permission, cannot open, a missing table) is the store's:
/// retried until it is fixed, never turned into rejections. Public for the team tables' callers, which map theirs the same way.
/// </summary>
public static class SqliteErrors
{
    private const int TooBig = 18;
    private const int Constraint = 19;
    private const int Mismatch = 20;

    public static StoreException Map(SqliteException e, string what) =>
        new($"SQLite {what} failed: {e.Message}", isTransient: !IsMessageCaused(e), e);

    public static bool IsMessageCaused(SqliteException e) => (e.SqliteErrorCode & 0xff) is TooBig or Constraint or Mismatch;
}
