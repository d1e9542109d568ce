using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Depc.Server.Operations;

/// <summary>
/// With Kafka on: healthy once the consumer has partitions assigned (they appear in its lag). Without any yet it
/// is only degraded, not unhealthy: a cluster with no team topic yet, or more servers than partitions, is normal.
/// </summary>
internal sealed class ConsumerHealthCheck(IConsumerLagSource lag) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lag.GetLag().Count > 0
            ? HealthCheckResult.Healthy("consumer has partitions assigned")
            : HealthCheckResult.Degraded("consumer has no partition assigned yet"));
}
