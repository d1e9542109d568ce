using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Teams;

/// <summary>The per-team rejection feed of <see cref="TeamTables"/>, trimmed to the latest <c>retention</c> entries per team.</summary>
public sealed class SqliteRejectionLog(TeamTables tables, int retention)
{
    public int Retention { get; } = retention > 0 ? retention : throw new ArgumentOutOfRangeException(nameof(retention));

    public async Task AppendAsync(IReadOnlyList<StoredRejection> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO depc_rejections (team, time, source, origin, reason, payload) VALUES ($team, $time, $source, $origin, $reason, $payload)";
                var team = insert.Parameters.Add("$team", SqliteType.Text);
                var time = insert.Parameters.Add("$time", SqliteType.Integer);
                var source = insert.Parameters.Add("$source", SqliteType.Text);
                var origin = insert.Parameters.Add("$origin", SqliteType.Text);
                var reason = insert.Parameters.Add("$reason", SqliteType.Text);
                var payload = insert.Parameters.Add("$payload", SqliteType.Text);
                var teams = new HashSet<string>(StringComparer.Ordinal);

                // Only the newest entries per team could survive the trim: skip writing the others.
                foreach (var r in Newest(rejections))
                {
                    (team.Value, time.Value, source.Value, origin.Value, reason.Value, payload.Value) = (r.Team, r.Time, r.Source, r.Origin, r.Reason, r.Payload);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    teams.Add(r.Team);
                }

                using var trim = connection.CreateCommand();
                trim.Transaction = transaction;
                trim.CommandText = """
                    DELETE FROM depc_rejections WHERE team = $team AND id <= (
                        SELECT id FROM depc_rejections WHERE team = $team ORDER BY id DESC LIMIT 1 OFFSET $keep)
                    """;
                var trimTeam = trim.Parameters.Add("$team", SqliteType.Text);
                trim.Parameters.AddWithValue("$keep", Retention);
                foreach (var t in teams)
                {
                    trimTeam.Value = t;
                    await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The team's most recent rejections, newest first.</summary>
    public async Task<IReadOnlyList<StoredRejection>> ReadAsync(string team, int limit, CancellationToken cancellationToken)
    {
        var connection = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT time, source, origin, reason, payload FROM depc_rejections WHERE team = $team ORDER BY id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$team", team);
            command.Parameters.AddWithValue("$limit", Math.Min(limit, Retention));
            var rows = new List<StoredRejection>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new StoredRejection(team, reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
                }
            }

            return rows;
        }
    }

    private IEnumerable<StoredRejection> Newest(IReadOnlyList<StoredRejection> rejections)
    {
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var keep = new bool[rejections.Count];
        for (var i = rejections.Count - 1; i >= 0; i--)
        {
            var n = kept.GetValueOrDefault(rejections[i].Team);
            if (n < Retention)
            {
                keep[i] = true;
                kept[rejections[i].Team] = n + 1;
            }
        }

        for (var i = 0; i < rejections.Count; i++)
        {
            if (keep[i])
            {
                yield return rejections[i];
            }
        }
    }
}
