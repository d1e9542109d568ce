using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// The store refused a value of a batch (<see cref="SqliteErrors.IsMessageCaused"/>); the batch was undone, and the
/// transaction it was written in goes on with the batches before it.
/// </summary>
internal sealed class RefusedBatchException(SqliteException refusal) : Exception(refusal.Message, refusal)
{
    public SqliteException Refusal => refusal;
}
