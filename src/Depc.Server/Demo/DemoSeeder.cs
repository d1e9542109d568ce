using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Server.Auth;
using Depc.Server.Teams;

namespace Depc.Server.Demo;

/// <summary>
/// <c>depc serve --demo</c>: makes the <c>demo</c> team before the server listens, with a fresh token (a second start on
/// the same store gives the team a new token rather than failing), and writes <see cref="DemoInfrastructure"/> into its
/// graph through the ingestion pipeline when the graph is empty (never twice).
/// </summary>
internal sealed class DemoSeeder(
    TeamRegistry registry,
    TokenAuthority authority,
    IGraphStore store,
    IngestPipeline pipeline,
    DemoSignIn signIn,
    TimeProvider time,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var team = TeamName.Parse(DemoInfrastructure.Team);
        var created = await registry.CreateAsync(team, cancellationToken).ConfigureAwait(false)
            ?? await registry.RotateTokenAsync(team, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the demo team was deleted while its token was being made");
        authority.Forget();

        var labels = await store.GetLabelsAsync(team, cancellationToken).ConfigureAwait(false);
        if (labels.Count > 0)
        {
            Log.DemoKept(logger, team.Value, labels.Sum(l => l.NodesCount));
        }
        else
        {
            var lines = DemoInfrastructure.Messages(time.GetUtcNow().ToUnixTimeSeconds());
            var messages = lines.Select((line, i) => new RawMessage(System.Text.Encoding.UTF8.GetBytes(line), "demo", i + 1)).ToList();
            var report = await pipeline.IngestAsync(team, messages, cancellationToken).ConfigureAwait(false);
            labels = await store.GetLabelsAsync(team, cancellationToken).ConfigureAwait(false);
            Log.DemoCreated(logger, team.Value, labels.Sum(l => l.NodesCount), report.Received, report.Accepted, report.Rejected);
        }

        signIn.Set(created.Token);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
