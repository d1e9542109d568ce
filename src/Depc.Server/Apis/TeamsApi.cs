using System.Text.Json;
using Depc.Core.Naming;
using Depc.Server.Auth;
using Depc.Server.Teams;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Depc.Server.Apis;

/// <summary>The admin API over teams, the same operations as <c>depc team</c>; the admin token only.</summary>
internal static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder routes)
    {
        var teams = routes.MapGroup("/v1/teams")
            .RequireAuthorization(DepcPolicies.Admin)
            .AddEndpointFilter<ArgumentErrorFilter>()
            .WithTags("Teams");
        teams.MapPost("/", CreateAsync)
            .WithSummary("Creates a team from the JSON body {\"name\": \"acme\"} (and its topic when Kafka admin access is configured); its token is shown only in this answer")
            .ProducesProblem(StatusCodes.Status409Conflict);
        teams.MapGet("/", ListAsync).WithSummary("Lists the teams");
        teams.MapPost("/{team}/token", RotateAsync)
            .WithSummary("Replaces a team's token; the old one stops working")
            .ProducesProblem(StatusCodes.Status404NotFound);
        teams.MapDelete("/{team}", DeleteAsync)
            .WithSummary("Deletes a team's credentials and rejection feed (its graph is kept)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    // The body is read here rather than bound by the framework, whose refusals (no body, another type) carry no detail.
    private static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateAsync(
        HttpRequest http, TeamRegistry registry, TokenAuthority authority, ILogger<TeamRegistry> logger, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            return TypedResults.Problem(
                $"Send the body as JSON with the header Content-Type: application/json, for example {CreateTeamRequest.Example}",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        CreateTeamRequest? request;
        try
        {
            request = await http.ReadFromJsonAsync<CreateTeamRequest>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(
                $"The body is not {CreateTeamRequest.Example}: {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Malformed body");
        }

        var team = request?.Name is { } name
            ? Args.Team(name)
            : throw new InvalidArgumentException("name", $"is required: the body is {CreateTeamRequest.Example}");
        var created = await registry.CreateAsync(team, cancellationToken).ConfigureAwait(false);
        if (created is null)
        {
            return TypedResults.Problem($"The team '{team}' already exists.", statusCode: StatusCodes.Status409Conflict, title: "Team exists");
        }

        authority.Forget();
        Log.TeamCreated(logger, team.Value);
        return TypedResults.Created($"/v1/teams/{team}", created);
    }

    private static async Task<Ok<IReadOnlyList<TeamInfo>>> ListAsync(TeamRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Ok<CreatedToken>, ProblemHttpResult>> RotateAsync(
        string team, TeamRegistry registry, TokenAuthority authority, ILogger<TeamRegistry> logger, CancellationToken cancellationToken)
    {
        var name = Args.Team(team);
        var rotated = await registry.RotateTokenAsync(name, cancellationToken).ConfigureAwait(false);
        if (rotated is null)
        {
            return NotFound(name);
        }

        authority.Forget();
        Log.TokenRotated(logger, name.Value);
        return TypedResults.Ok(rotated);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string team, TeamRegistry registry, TokenAuthority authority, ILogger<TeamRegistry> logger, CancellationToken cancellationToken)
    {
        var name = Args.Team(team);
        if (!await registry.DeleteAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(name);
        }

        authority.Forget();
        Log.TeamDeleted(logger, name.Value);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(TeamName team) =>
        TypedResults.Problem($"There is no team '{team}'.", statusCode: StatusCodes.Status404NotFound, title: "Team not found");
}
