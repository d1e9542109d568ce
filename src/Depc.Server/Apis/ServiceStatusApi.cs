using Depc.Core.Storage;
using Depc.Server.Auth;
using Depc.Server.Options;
using Depc.Server.Status;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Depc.Server.Apis;

/// <summary><c>GET /v1/status</c> (admin): the live instances on this store, each partition's owner and lag, the heartbeat.</summary>
internal static class ServiceStatusApi
{
    public static IEndpointRouteBuilder MapServiceStatusApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/status", GetAsync)
            .RequireAuthorization(DepcPolicies.Admin)
            .WithTags("Operations")
            .WithSummary("The instances sharing this store seen within three beats (id, host, partitions held with their lag, last write, last seen), each partition's owner and lag, and the heartbeat")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return routes;
    }

    private static async Task<Ok<ServiceStatus>> GetAsync(IGraphStore store, IOptions<ServerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var beats = await store.ReadInstancesAsync(cancellationToken).ConfigureAwait(false);
        var heartbeat = await store.ReadHeartbeatAsync(cancellationToken).ConfigureAwait(false);
        var liveSince = time.GetUtcNow().ToUnixTimeSeconds() - (long)Math.Ceiling(3 * options.Value.InstanceBeatInterval.TotalSeconds);
        return TypedResults.Ok(ServiceStatus.Of(heartbeat, beats, liveSince));
    }
}
