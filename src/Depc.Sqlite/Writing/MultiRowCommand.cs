using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Writing;

/// <summary>
/// One prepared <c>INSERT … VALUES (…),(…)</c> for a full chunk of rows and one for a single row:
/// multi-row statements are what lets SQLite write faster than one statement per row.
/// </summary>
internal sealed class MultiRowCommand : IDisposable
{
    public const int ChunkRows = 100;

    private readonly SqliteCommand _chunk;
    private readonly SqliteCommand _single;

    public MultiRowCommand(SqliteConnection connection, string head, int columns, string tail)
    {
        Columns = columns;
        _chunk = Build(connection, head, columns, ChunkRows, tail);
        _single = Build(connection, head, columns, 1, tail);
    }

    public int Columns { get; }

    /// <summary>The command for <paramref name="rows"/> rows: <see cref="ChunkRows"/> or 1.</summary>
    public SqliteCommand For(int rows, SqliteTransaction transaction)
    {
        var command = rows == ChunkRows ? _chunk : _single;
        command.Transaction = transaction;
        return command;
    }

    public void Bind(SqliteCommand command, int row, int column, object? value) =>
        command.Parameters[(row * Columns) + column].Value = value ?? DBNull.Value;

    public void Dispose()
    {
        _chunk.Dispose();
        _single.Dispose();
    }

    private static SqliteCommand Build(SqliteConnection connection, string head, int columns, int rows, string tail)
    {
        var sql = new StringBuilder(head).Append(" VALUES ");
        var command = connection.CreateCommand();
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ",(");
            for (var c = 0; c < columns; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                sql.Append(c == 0 ? name : "," + name);
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(' ').Append(tail).ToString();
        return command;
    }
}
