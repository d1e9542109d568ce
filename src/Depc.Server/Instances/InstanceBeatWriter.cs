using Depc.Core.Storage;
using Depc.Kafka.Telemetry;
using Depc.Server.Options;
using Microsoft.Extensions.Options;

namespace Depc.Server.Instances;

/// <summary>
/// Writes this instance's beat to the shared store every <see cref="ServerOptions.InstanceBeatInterval"/>: the
/// partitions it holds with their lag, when it last wrote and now; instances silent for a day are forgotten. Any
/// instance then lists the live ones (<c>GET /v1/status</c>). A failed write is logged and tried at the next tick.
/// </summary>
internal sealed class InstanceBeatWriter(
    IGraphStore store,
    InstanceIdentity identity,
    IConsumerLagSource lag,
    DepcMetrics metrics,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<InstanceBeatWriter> logger) : BackgroundService
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InstanceBeatInterval, time);
        do
        {
            try
            {
                await store.WriteInstanceAsync(Beat(), ForgetAfter, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.InstanceBeatFailed(logger, identity.Id, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private InstanceBeat Beat() => new(
        identity.Id,
        identity.Host,
        [.. lag.GetLag().OrderBy(l => l.Topic, StringComparer.Ordinal).ThenBy(l => l.Partition).Select(l => new HeldPartition(l.Topic, l.Partition, l.Lag))],
        metrics.LastWriteAt,
        time.GetUtcNow().ToUnixTimeSeconds());
}
