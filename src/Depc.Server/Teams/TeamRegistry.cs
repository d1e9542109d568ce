using Depc.Core.Naming;
using Depc.Server.Auth;
using Depc.Server.Stores;
using Microsoft.Extensions.Logging.Abstractions;

namespace Depc.Server.Teams;

/// <summary>
/// Team lifecycle for the admin API and <c>depc team</c>: a token is generated here, returned once and
/// only its hash stored; creating a team also creates its topic when Kafka admin access is configured.
/// </summary>
public sealed class TeamRegistry(ITeamCredentialStore store, ITeamTopicCreator topics, TimeProvider time) : IAsyncDisposable
{
    private IAsyncDisposable? _ownedStore;

    /// <summary>A registry on the credentials that belong to a store spec: in the store itself (see <see cref="TeamBackends"/>).</summary>
    public static async Task<TeamRegistry> OpenAsync(StoreSpec store, string teamsDatabase, ITeamTopicCreator? topics, CancellationToken cancellationToken)
    {
        // A SQLite store's teams are tables of its file: the graph itself need not be opened.
        var graph = store is Neo4jStoreSpec ? await StoreLocator.OpenAsync(store, cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var backend = graph is null
                ? SqliteTeamBackend.ForStore(store, teamsDatabase, rejectionRetention: 1)
                : TeamBackends.For(graph, store, teamsDatabase, rejectionRetention: 1, NullLogger.Instance);
            await backend.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return new TeamRegistry(backend, topics ?? new NoTopicCreator(), TimeProvider.System) { _ownedStore = graph };
        }
        catch
        {
            if (graph is not null)
            {
                await graph.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <returns>The new token, or null when the team already exists.</returns>
    public async Task<CreatedToken?> CreateAsync(TeamName team, CancellationToken cancellationToken)
    {
        // The topic first (an existing one is fine): if it fails, no team row exists yet, so a retry creates the team and
        // shows its token. The other order left a team whose token nobody saw and whose re-creation answered "exists".
        await topics.CreateTopicAsync(team, cancellationToken).ConfigureAwait(false);
        var token = TokenFormat.NewToken();
        return await store.CreateAsync(team, TokenFormat.Hash(token), Now(), cancellationToken).ConfigureAwait(false)
            ? new CreatedToken(team.Value, token)
            : null;
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

    /// <summary>Closes the store when <see cref="OpenAsync"/> opened it.</summary>
    public ValueTask DisposeAsync() => _ownedStore?.DisposeAsync() ?? ValueTask.CompletedTask;

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}
