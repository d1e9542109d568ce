using Depc.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Teams;

/// <summary>Team rows of <see cref="TeamTables"/>: create, find by name or by token hash, rotate, delete.</summary>
public sealed class SqliteTeamCredentials(TeamTables tables)
{
    private const int SqliteConstraint = 19;

    /// <returns>false when the team already exists.</returns>
    public async Task<bool> CreateAsync(string team, byte[] tokenHash, long now, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(
                "INSERT INTO depc_teams (name, token_hash, created_at, rotated_at) VALUES ($name, $hash, $now, $now)",
                team, tokenHash, now, cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            return false;
        }
    }

    /// <returns>false when the team does not exist.</returns>
    public async Task<bool> ReplaceTokenAsync(string team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE depc_teams SET token_hash = $hash, rotated_at = $now WHERE name = $name",
            team, tokenHash, now, cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>Deletes the team's credentials and its rejection feed; its graph is left alone.</summary>
    /// <returns>false when the team does not exist.</returns>
    public async Task<bool> DeleteAsync(string team, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "DELETE FROM depc_rejections WHERE team = $name; DELETE FROM depc_teams WHERE name = $name",
            team, null, 0, cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<StoredTeam>> ListAsync(CancellationToken cancellationToken) =>
        await QueryAsync("SELECT name, token_hash, created_at, rotated_at FROM depc_teams ORDER BY name", null, null, cancellationToken)
            .ConfigureAwait(false);

    public async Task<StoredTeam?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT name, token_hash, created_at, rotated_at FROM depc_teams WHERE token_hash = $hash", null, tokenHash, cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<int> ExecuteAsync(string sql, string team, byte[]? hash, long now, CancellationToken cancellationToken)
    {
        var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$name", team);
                command.Parameters.AddWithValue("$hash", (object?)hash ?? DBNull.Value);
                command.Parameters.AddWithValue("$now", now);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                // The last statement's count: for DELETE, whether the team row itself existed.
                command.CommandText = "SELECT changes()";
                command.Parameters.Clear();
                var changed = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return changed;
            }
        }
    }

    private async Task<List<StoredTeam>> QueryAsync(string sql, string? team, byte[]? hash, CancellationToken cancellationToken)
    {
        var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (team is not null)
            {
                command.Parameters.AddWithValue("$name", team);
            }

            if (hash is not null)
            {
                command.Parameters.AddWithValue("$hash", hash);
            }

            var rows = new List<StoredTeam>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new StoredTeam(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt64(3)));
                }
            }

            return rows;
        }
    }
}
