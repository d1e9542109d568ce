using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Teams;
using Depc.Server.Rejections;
using Depc.Sqlite.Teams;

namespace Depc.Server.Teams;

/// <summary>
/// Team credentials and the rejection feed in Neo4j (<see cref="Neo4jTeams"/>), shared by every instance on it. A
/// teams file of an earlier Depc (<c>Depc:TeamsDatabase</c>), when there is one, has its teams copied in at start, so
/// their tokens keep working; teams already in Neo4j win.
/// </summary>
internal sealed class Neo4jTeamBackend(Neo4jTeams teams, string? legacyTeamsFile, int rejectionRetention, ILogger logger) : ITeamBackend
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // Nothing to prepare: the shared labels' schema is made at their first use (see Neo4jTeams).
        if (legacyTeamsFile is null || !File.Exists(legacyTeamsFile))
        {
            return;
        }

        var tables = new TeamTables(legacyTeamsFile);
        await tables.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var copied = 0;
        foreach (var team in await new SqliteTeamCredentials(tables).ListAsync(cancellationToken).ConfigureAwait(false))
        {
            copied += await teams.ImportAsync(team, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        Log.LegacyTeamsImported(logger, copied, legacyTeamsFile);
    }

    public Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        teams.CreateAsync(team, tokenHash, now, cancellationToken);

    public Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        teams.ReplaceTokenAsync(team, tokenHash, now, cancellationToken);

    public Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken) => teams.DeleteAsync(team, cancellationToken);

    public async Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await teams.ListAsync(cancellationToken).ConfigureAwait(false)).Select(TeamInfo.Of)];

    public async Task<string?> FindTeamAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        (await teams.FindByTokenHashAsync(tokenHash, cancellationToken).ConfigureAwait(false))?.Name;

    public async Task AppendAsync(IReadOnlyList<RejectionEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var group in entries.GroupBy(e => e.Team, StringComparer.Ordinal))
        {
            await teams.AppendFeedAsync(
                TeamName.Parse(group.Key),
                [.. group.Select(e => new FeedEntry(e.Time, e.Source, e.Origin, e.Reason, e.Payload))],
                rejectionRetention,
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<RejectionEntry>> ReadAsync(TeamName team, int limit, CancellationToken cancellationToken) =>
        [.. (await teams.ReadFeedAsync(team, limit, cancellationToken).ConfigureAwait(false))
            .Select(e => new RejectionEntry(team.Value, e.Time, e.Source, e.Origin, e.Reason, e.Payload))];
}
