using System.Text.Json.Serialization;
using Depc.Server.Options;
using Depc.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Depc.Server.Apis;

/// <summary>
/// <c>GET /v1/setup</c>, without a token: whether any team exists and, while none does, the exact command that creates
/// one, so the sign-in form can say how to get a token on a fresh server.
/// </summary>
internal static class SetupApi
{
    public static IEndpointRouteBuilder MapSetupApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/setup", GetAsync)
            .AllowAnonymous()
            .WithTags("Teams")
            .WithSummary("Whether a team exists; while none does, the command that creates the first one");
        return routes;
    }

    private static async Task<Ok<Setup>> GetAsync(ITeamCredentialStore teams, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        var any = (await teams.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0;
        return TypedResults.Ok(new Setup(any, any ? null : FirstTeamHint.Command(options.Value)));
    }

    internal sealed record Setup(
        [property: JsonPropertyName("has_teams")] bool HasTeams,
        [property: JsonPropertyName("create_team"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreateTeam);
}
