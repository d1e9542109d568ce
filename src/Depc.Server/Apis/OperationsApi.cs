using Depc.Server.Auth;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Depc.Server.Apis;

/// <summary>
/// Probes and documents: <c>/health/live</c>, <c>/health/ready</c> and the OpenAPI document need no token
/// (they say nothing about any team); <c>/metrics</c> carries team names, so it needs the admin token.
/// </summary>
internal static class OperationsApi
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static _ => false }).AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        routes.MapOpenApi().AllowAnonymous();
        routes.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(DepcPolicies.Admin);
        return routes;
    }
}
