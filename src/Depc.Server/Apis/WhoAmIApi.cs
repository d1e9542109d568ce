using System.Security.Claims;
using System.Text.Json.Serialization;
using Depc.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depc.Server.Apis;

/// <summary><c>GET /v1/whoami</c>: whose token this is, so a client signed in with a token alone (the web page) knows its team.</summary>
internal static class WhoAmIApi
{
    public static IEndpointRouteBuilder MapWhoAmIApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/whoami", Get)
            .RequireAuthorization()
            .WithTags("Teams")
            .WithSummary("The caller: {\"team\": name} for a team token, {\"admin\": true} for the admin token")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static Ok<WhoAmIAnswer> Get(ClaimsPrincipal user) =>
        TypedResults.Ok(user.IsInRole(DepcClaims.AdminRole) ? new WhoAmIAnswer(null, true) : new WhoAmIAnswer(user.FindFirstValue(DepcClaims.Team), false));

    internal sealed record WhoAmIAnswer(
        [property: JsonPropertyName("team"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Team,
        [property: JsonPropertyName("admin")] bool Admin);
}
