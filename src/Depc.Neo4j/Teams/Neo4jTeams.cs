using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Http;
using Depc.Neo4j.Writing;

namespace Depc.Neo4j.Teams;

/// <summary>
/// What every Depc instance on one Neo4j shares beside the graph: teams with their token hashes
/// (<see cref="TeamStatements"/>) and their rejection feeds (<see cref="FeedStatements"/>, appended in each batch's
/// own transaction). Each call is one committed transaction; the labels' constraints are made before the first, not at
/// start: a schema statement waits for every open transaction, and one left open by a killed instance holds it until
/// Neo4j rolls it back (<c>dbms.rest.transaction.idle_timeout</c>), which must not stop a restarted instance starting.
/// </summary>
public sealed class Neo4jTeams
{
    private readonly Neo4jClient _client;
    private readonly LedgerSchema _schema;

    internal Neo4jTeams(Neo4jClient client, LedgerSchema schema) => (_client, _schema) = (client, schema);

    /// <returns>false when the team exists already.</returns>
    public Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) =>
        ImportAsync(new StoredTeam(team.Value, tokenHash, now, now), cancellationToken);

    /// <summary>Adds a team as another store kept it (its token hash and times), unless one of its name exists.</summary>
    /// <returns>false when the team exists already.</returns>
    public async Task<bool> ImportAsync(StoredTeam team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var created = false;
        await RunAsync(TeamStatements.Create(team, c => created = c), cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <returns>false when there is no such team.</returns>
    public async Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken)
    {
        var found = false;
        await RunAsync(TeamStatements.ReplaceToken(team, tokenHash, now, () => found = true), cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Deletes the team and its feed, in one transaction (its graph and counts are kept).</summary>
    /// <returns>false when there is no such team.</returns>
    public async Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken)
    {
        var found = false;
        await RunAsync([TeamStatements.Delete(team, () => found = true), FeedStatements.Clear(team)], cancellationToken).ConfigureAwait(false);
        return found;
    }

    public async Task<IReadOnlyList<StoredTeam>> ListAsync(CancellationToken cancellationToken)
    {
        var teams = new List<StoredTeam>();
        await ReadAsync(TeamStatements.List(teams), cancellationToken).ConfigureAwait(false);
        return teams;
    }

    public async Task<StoredTeam?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        StoredTeam? team = null;
        await ReadAsync(TeamStatements.FindByTokenHash(tokenHash, t => team = t), cancellationToken).ConfigureAwait(false);
        return team;
    }

    /// <summary>Appends entries to the feed in a transaction of their own (a batch's entries commit with the batch instead).</summary>
    public Task AppendFeedAsync(TeamName team, IReadOnlyList<FeedEntry> entries, int retention, CancellationToken cancellationToken) =>
        entries.Count == 0
            ? Task.CompletedTask
            : RunAsync([LedgerStatements.LockCounts(team), .. FeedStatements.Append(team, entries, retention)], cancellationToken);

    /// <summary>The team's newest entries, newest first.</summary>
    public async Task<IReadOnlyList<FeedEntry>> ReadFeedAsync(TeamName team, int limit, CancellationToken cancellationToken)
    {
        var entries = new List<FeedEntry>();
        await ReadAsync(FeedStatements.Read(team, limit, entries), cancellationToken).ConfigureAwait(false);
        return entries;
    }

    // Reads need no schema: a restarted instance answers (and finds its teams) before it can make any.
    private Task ReadAsync(CypherStatement statement, CancellationToken cancellationToken) => _client.CommitAsync([statement], cancellationToken);

    private Task RunAsync(CypherStatement statement, CancellationToken cancellationToken) => RunAsync([statement], cancellationToken);

    private async Task RunAsync(IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _client.CommitAsync(statements, cancellationToken).ConfigureAwait(false);
    }
}
