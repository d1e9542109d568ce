using System.Globalization;
using System.Threading.RateLimiting;
using Depc.Server.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Depc.Server.Ingestion;

/// <summary>
/// Per-team limits on <c>POST …/messages</c>, with ASP.NET Core's rate limiting partitioned by the team of the route
/// (authorization has run: the caller may write that team): a token bucket of <c>Depc:TeamIngestRequestsPerSecond</c>
/// with a burst of <c>Depc:TeamIngestBurst</c>, then at most <c>Depc:TeamMaxConcurrentIngests</c> requests in progress,
/// <c>Depc:TeamIngestQueueLimit</c> more waiting with their body still unread. Both apply before the body is read, so a
/// flooding team holds at most that many buffers; beyond them it is answered 429 with <c>Retry-After</c>.
/// </summary>
internal static class TeamIngestLimits
{
    public static IServiceCollection AddTeamIngestLimits(this IServiceCollection services)
    {
        services.AddRateLimiter();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServerOptions>>((limiter, options) =>
        {
            var settings = options.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(Rate(settings), Concurrency(settings));
            limiter.OnRejected = (context, _) => RejectAsync(context, settings);
        });
        return services;
    }

    /// <summary>Marks the ingest endpoint: every other request gets no limiter.</summary>
    public static RouteHandlerBuilder WithTeamIngestLimits(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(TeamIngestLimited.Instance);

    private static PartitionedRateLimiter<HttpContext> Rate(ServerOptions settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(
            http => IngestTeam(http) is { } team
                ? RateLimitPartition.GetTokenBucketLimiter(team, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.TeamIngestBurst,
                    TokensPerPeriod = settings.TeamIngestRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty),
            StringComparer.Ordinal);

    private static PartitionedRateLimiter<HttpContext> Concurrency(ServerOptions settings) =>
        PartitionedRateLimiter.Create<HttpContext, string>(
            http => IngestTeam(http) is { } team
                ? RateLimitPartition.GetConcurrencyLimiter(team, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = settings.TeamMaxConcurrentIngests,
                    QueueLimit = settings.TeamIngestQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty),
            StringComparer.Ordinal);

    private static string? IngestTeam(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<TeamIngestLimited>() is not null ? http.Request.RouteValues["team"] as string : null;

    private static ValueTask RejectAsync(OnRejectedContext context, ServerOptions settings)
    {
        var http = context.HttpContext;
        var team = IngestTeam(http) ?? "?";

        // Only the token bucket says when a token is back; a full concurrency queue frees up as requests are answered.
        var byRate = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
        var seconds = byRate ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var (detail, limit) = byRate
            ? ($"team '{team}' sent more than {settings.TeamIngestRequestsPerSecond} ingest requests per second (bursts of {settings.TeamIngestBurst}), " +
               $"its limit (settings Depc:TeamIngestRequestsPerSecond and Depc:TeamIngestBurst); retry after {seconds} s, or send fewer, larger requests",
               "Depc:TeamIngestRequestsPerSecond")
            : ($"team '{team}' already has {settings.TeamMaxConcurrentIngests} ingest requests in progress and {settings.TeamIngestQueueLimit} waiting, " +
               "its limit (settings Depc:TeamMaxConcurrentIngests and Depc:TeamIngestQueueLimit); retry when one is answered",
               "Depc:TeamMaxConcurrentIngests");
        return new ValueTask(TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            extensions: new Dictionary<string, object?> { ["limit"] = limit, ["retry_after_seconds"] = seconds }).ExecuteAsync(http));
    }
}
