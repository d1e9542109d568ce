using Depc.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Heartbeat;

/// <summary>
/// Writes the SPEC §4 heartbeat (current Unix time) through the store every interval, but only
/// while the consume loop is really polling: a stuck consumer must look dead to an outside probe.
/// A failed write is logged and tried again at the next tick.
/// </summary>
internal sealed class HeartbeatWriter(IGraphStore store, TimeProvider time, TimeSpan interval, Func<bool> isConsuming, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            if (isConsuming())
            {
                try
                {
                    await store.WriteHeartbeatAsync(time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.HeartbeatFailed(logger, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
