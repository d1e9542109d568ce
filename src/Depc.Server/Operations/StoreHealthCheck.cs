using Depc.Core.Ingestion;
using Depc.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Depc.Server.Operations;

/// <summary>
/// Ready when the graph store answers a read (the heartbeat) and its writes do not fail store-wide: while they do
/// (a store down, a read-only file, refused credentials), ingestion is paused and readiness says why.
/// </summary>
internal sealed class StoreHealthCheck(IGraphStore store, StoreHealth writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (writes.Failure is { } failure)
        {
            return HealthCheckResult.Unhealthy($"store writes fail since {failure.Since:u}, ingestion paused: {failure.Reason}");
        }

        try
        {
            await store.ReadHeartbeatAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("store reachable");
        }
        catch (StoreException e)
        {
            return HealthCheckResult.Unhealthy("store unreachable: " + e.Message);
        }
    }
}
