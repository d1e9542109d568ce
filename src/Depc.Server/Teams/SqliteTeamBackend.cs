using Depc.Core.Naming;
using Depc.Server.Rejections;
using Depc.Sqlite.Teams;

namespace Depc.Server.Teams;

/// <summary>Team credentials and the rejection feed in SQLite tables (<see cref="TeamTables"/>).</summary>
internal sealed class SqliteTeamBackend(TeamTables tables, int rejectionRetention) : ITeamBackend
{
    private readonly SqliteTeamCredentials _credentials = new(tables);
    private readonly SqliteRejectionLog _rejections = new(tables, rejectionRetention);

    public string Path => tables.Path;

    public Task InitializeAsync(CancellationToken cancellationToken) => Guarded(() => tables.InitializeAsync(cancellationToken));

    public Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        Guarded(() => _credentials.CreateAsync(team.Value, tokenHash, now, cancellationToken));

    public Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        Guarded(() => _credentials.ReplaceTokenAsync(team.Value, tokenHash, now, cancellationToken));

    public Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken) =>
        Guarded(() => _credentials.DeleteAsync(team.Value, cancellationToken));

    public Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken) =>
        Guarded<IReadOnlyList<TeamInfo>>(async () => [.. (await _credentials.ListAsync(cancellationToken).ConfigureAwait(false)).Select(TeamInfo.Of)]);

    public Task<string?> FindTeamAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        Guarded(async () => (await _credentials.FindByTokenHashAsync(tokenHash, cancellationToken).ConfigureAwait(false))?.Name);

    public Task AppendAsync(IReadOnlyList<RejectionEntry> entries, CancellationToken cancellationToken) =>
        Guarded(() => _rejections.AppendAsync([.. entries.Select(e => new StoredRejection(e.Team, e.Time, e.Source, e.Origin, e.Reason, e.Payload))], cancellationToken));

    public Task<IReadOnlyList<RejectionEntry>> ReadAsync(TeamName team, int limit, CancellationToken cancellationToken) =>
        Guarded<IReadOnlyList<RejectionEntry>>(async () =>
            [.. (await _rejections.ReadAsync(team.Value, limit, cancellationToken).ConfigureAwait(false)).Select(r => new RejectionEntry(r.Team, r.Time, r.Source, r.Origin, r.Reason, r.Payload))]);

    /// <summary>
    /// The backend for a store spec: inside the graph's own SQLite file for <c>sqlite:PATH</c> (one file to back up,
    /// shared by every server on it); otherwise the <paramref name="teamsDatabase"/> file (a store of a test's own kind).
    /// </summary>
    public static SqliteTeamBackend ForStore(Stores.StoreSpec store, string teamsDatabase, int rejectionRetention) =>
        new(new TeamTables(store is Stores.SqliteStoreSpec sqlite ? sqlite.Path : teamsDatabase), rejectionRetention);

    // A file that is not a database, cannot be opened or is read-only is the store's failure (SPEC §5), mapped as the
    // graph's: the CLI's exit 5 and the server's 503, not an unhandled SQLite error.
    private static async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw Sqlite.SqliteErrors.Map(e, "team tables");
        }
    }

    private static async Task Guarded(Func<Task> call) =>
        await Guarded(async () =>
        {
            await call().ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
}
