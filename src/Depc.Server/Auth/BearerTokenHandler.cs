using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Depc.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the admin token or a team's token. Challenges and refusals
/// answer problem+json that says nothing about other teams.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenAuthority authority)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var value = header.Count == 1 ? header[0] : null;
        if (value is null || !value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length > 512)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <token>'");
        }

        var caller = await authority.ResolveAsync(value[BearerPrefix.Length..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            return AuthenticateResult.Fail("unknown token");
        }

        var identity = new ClaimsIdentity(DepcClaims.Scheme);
        identity.AddClaim(caller.IsAdmin ? new Claim(ClaimTypes.Role, DepcClaims.AdminRole) : new Claim(DepcClaims.Team, caller.Team!));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DepcClaims.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(
            "A valid token is required: 'Authorization: Bearer <token>' with a team token or the admin token.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(
            "This token does not give access to this resource.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden").ExecuteAsync(Context);
}
