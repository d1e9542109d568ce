using Depc.Core.Naming;
using Depc.Server.Auth;

namespace Depc.Server.Teams;

/// <summary>
/// Team lifecycle for the admin API and <c>depc team</c>: a token is generated here, returned once and
/// only its hash stored; creating a team also creates its topic when Kafka admin access is configured.
/// </summary>
public sealed class TeamRegistry(ITeamCredentialStore store, ITeamTopicCreator topics, TimeProvider time)
{
    /// <summary>A registry on the credentials that belong to a store spec (see <see cref="Options.ServerOptions.TeamsDatabase"/>).</summary>
    public static async Task<TeamRegistry> OpenAsync(Stores.StoreSpec store, string teamsDatabase, ITeamTopicCreator? topics, CancellationToken cancellationToken)
    {
        var backend = SqliteTeamBackend.ForStore(store, teamsDatabase, rejectionRetention: 1);
        await backend.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return new TeamRegistry(backend, topics ?? new NoTopicCreator(), TimeProvider.System);
    }

    /// <returns>The new token, or null when the team already exists.</returns>
    public async Task<CreatedToken?> CreateAsync(TeamName team, CancellationToken cancellationToken)
    {
        var token = TokenFormat.NewToken();
        if (!await store.CreateAsync(team, TokenFormat.Hash(token), Now(), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await topics.CreateTopicAsync(team, cancellationToken).ConfigureAwait(false);
        return new CreatedToken(team.Value, token);
    }

    /// <returns>The new token (the old one stops working), or null when the team does not exist.</returns>
    public async Task<CreatedToken?> RotateTokenAsync(TeamName team, CancellationToken cancellationToken)
    {
        var token = TokenFormat.NewToken();
        return await store.ReplaceTokenAsync(team, TokenFormat.Hash(token), Now(), cancellationToken).ConfigureAwait(false)
            ? new CreatedToken(team.Value, token)
            : null;
    }

    /// <summary>Deletes the team's credentials and rejection feed; its graph and topic are kept.</summary>
    public Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken) => store.DeleteAsync(team, cancellationToken);

    public Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}
