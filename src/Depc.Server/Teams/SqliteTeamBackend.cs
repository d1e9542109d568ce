using Depc.Core.Naming;
using Depc.Server.Rejections;
using Depc.Sqlite.Teams;

namespace Depc.Server.Teams;

/// <summary>Team credentials and the rejection feed in SQLite tables (<see cref="TeamTables"/>).</summary>
internal sealed class SqliteTeamBackend(TeamTables tables, int rejectionRetention) : ITeamCredentialStore, IRejectionLog
{
    private readonly SqliteTeamCredentials _credentials = new(tables);
    private readonly SqliteRejectionLog _rejections = new(tables, rejectionRetention);

    public string Path => tables.Path;

    public Task InitializeAsync(CancellationToken cancellationToken) => tables.InitializeAsync(cancellationToken);

    public Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        _credentials.CreateAsync(team.Value, tokenHash, now, cancellationToken);

    public Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        _credentials.ReplaceTokenAsync(team.Value, tokenHash, now, cancellationToken);

    public Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken) =>
        _credentials.DeleteAsync(team.Value, cancellationToken);

    public async Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await _credentials.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new TeamInfo(r.Name, r.CreatedAt, r.RotatedAt))];
    }

    public async Task<string?> FindTeamAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        (await _credentials.FindByTokenHashAsync(tokenHash, cancellationToken).ConfigureAwait(false))?.Name;

    public Task AppendAsync(IReadOnlyList<RejectionEntry> entries, CancellationToken cancellationToken) =>
        _rejections.AppendAsync([.. entries.Select(e => new StoredRejection(e.Team, e.Time, e.Source, e.Origin, e.Reason, e.Payload))], cancellationToken);

    public async Task<IReadOnlyList<RejectionEntry>> ReadAsync(TeamName team, int limit, CancellationToken cancellationToken)
    {
        var rows = await _rejections.ReadAsync(team.Value, limit, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new RejectionEntry(r.Team, r.Time, r.Source, r.Origin, r.Reason, r.Payload))];
    }

    /// <summary>
    /// The backend for a store spec: inside the graph's own SQLite file for <c>sqlite:PATH</c> (one file to back up,
    /// shared by every server on it); otherwise the <paramref name="teamsDatabase"/> file.
    /// </summary>
    public static SqliteTeamBackend ForStore(Stores.StoreSpec store, string teamsDatabase, int rejectionRetention) =>
        new(new TeamTables(store is Stores.SqliteStoreSpec sqlite ? sqlite.Path : teamsDatabase), rejectionRetention);
}
