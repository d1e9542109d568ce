using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Depc.Server.Auth;

/// <summary>Who may call what: <see cref="TeamRead"/> (the team or the admin), <see cref="TeamWrite"/> (the team only), <see cref="Admin"/>.</summary>
internal static class DepcPolicies
{
    public const string TeamRead = "team-read";
    public const string TeamWrite = "team-write";
    public const string Admin = "admin";

    public static IServiceCollection AddDepcAuth(this IServiceCollection services)
    {
        services.AddSingleton<TokenAuthority>();
        services.AddSingleton<IAuthorizationHandler, TeamAccessHandler>();
        services.AddAuthentication(DepcClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(DepcClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(TeamRead, p => p.RequireAuthenticatedUser().AddRequirements(new TeamAccessRequirement(AllowAdmin: true)))
            .AddPolicy(TeamWrite, p => p.RequireAuthenticatedUser().AddRequirements(new TeamAccessRequirement(AllowAdmin: false)))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(DepcClaims.AdminRole))

            // Every endpoint needs a token unless it says otherwise (health probes, the OpenAPI document).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }
}
