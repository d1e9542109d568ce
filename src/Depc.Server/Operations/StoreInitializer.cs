using Depc.Core.Storage;
using Depc.Server.Options;
using Depc.Server.Stores;
using Depc.Server.Teams;
using Microsoft.Extensions.Options;

namespace Depc.Server.Operations;

/// <summary>Opens the graph store and the team tables before the server takes requests, so a bad store fails the start, not the first request.</summary>
internal sealed class StoreInitializer(
    IGraphStore store,
    ITeamCredentialStore teams,
    StoreSpec spec,
    IOptions<ServerOptions> options,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await teams.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var teamsDatabase = spec is SqliteStoreSpec ? "the store" : settings.TeamsDatabase;
        Log.StoreOpened(logger, spec.ToString(), teamsDatabase);
        if (!settings.Demo && (await teams.ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            Log.NoTeamYet(logger, FirstTeamHint.Command(settings));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
