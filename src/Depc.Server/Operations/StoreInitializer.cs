using Depc.Core.Storage;
using Depc.Server.Teams;

namespace Depc.Server.Operations;

/// <summary>Opens the graph store and the team tables before the server takes requests, so a bad store fails the start, not the first request.</summary>
internal sealed class StoreInitializer(IGraphStore store, ITeamCredentialStore teams) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await teams.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
