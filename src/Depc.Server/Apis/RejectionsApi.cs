using Depc.Server.Options;
using Depc.Server.Rejections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Depc.Server.Apis;

/// <summary><c>GET /v1/teams/{team}/rejections</c>: the team's most recent rejections from every path, newest first.</summary>
internal static class RejectionsApi
{
    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapRejectionsApi(this IEndpointRouteBuilder team)
    {
        team.MapGet("/rejections", GetAsync)
            .WithSummary("The team's most recent rejections (reason, source, origin, time, payload), newest first; ?limit= (default 100)");
        return team;
    }

    private static async Task<Ok<IReadOnlyList<RejectionEntry>>> GetAsync(
        string team, [FromQuery] string? limit, IRejectionLog log, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var teamName = Args.Team(team);
        var count = Math.Min(Args.Count(limit, "limit") ?? DefaultLimit, options.Value.RejectionRetention);
        return TypedResults.Ok(await log.ReadAsync(teamName, count, cancellationToken).ConfigureAwait(false));
    }
}
