using Depc.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Depc.Server.Operations;

/// <summary>Ready when the graph store answers a read (the heartbeat).</summary>
internal sealed class StoreHealthCheck(IGraphStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
