using Microsoft.AspNetCore.Authorization;

namespace Depc.Server.Auth;

/// <summary>Compares the token's team with the route's team, ordinal: another team's route is refused whether it exists or not.</summary>
internal sealed class TeamAccessHandler : AuthorizationHandler<TeamAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TeamAccessRequirement requirement)
    {
        if (requirement.AllowAdmin && context.User.IsInRole(DepcClaims.AdminRole))
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http
            && http.GetRouteValue("team") is string routeTeam
            && context.User.FindFirst(DepcClaims.Team)?.Value is { } team
            && string.Equals(team, routeTeam, StringComparison.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
