using Depc.Core.Activity;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Depc.Server.Apis;

/// <summary>
/// The dependency API, shaped like the original system's (<c>/v1/teams/{team}/labels/…</c>); every answer is
/// built by the same Core shaping as the CLI's, so both answer the same JSON for the same question.
/// </summary>
internal static class GraphApi
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder team)
    {
        team.MapGet("/labels", GetLabelsAsync)
            .WithSummary("The team's labels with their node counts");
        team.MapGet("/labels/{label}/nodes", GetNodesAsync)
            .WithSummary("The names of a label's nodes, sorted; ?name= substring, ?limit=, ?random=true");
        team.MapGet("/labels/{label}/nodes/{**node}", GetNodePathAsync)
            .WithSummary("A node's dependencies (?day=, ?inactive=, ?impacted=, ?alone=), or …/count, …/history, …/impacted, …/impacted/count, …/impacted/all, …/impacted/why")
            .WithDescription("Node names may contain '/'. A path ending in /count, /history, /impacted, /impacted/count, /impacted/all or /impacted/why asks for that sub-resource; send a node name's own last '/' as %2F to reach a node named that way. The name is percent-decoded once ('%' itself is sent as %25).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        team.MapTimeTravelApi();
        team.MapDelete("/labels/{label}/nodes/{**node}", DeleteNodeAsync)
            .RequireAuthorization(DepcPolicies.TeamWrite)
            .WithSummary("Deletes a node; refused (409) while it has relationships unless ?detach=true")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return team;
    }

    private static async Task<Ok<IReadOnlyList<LabelCount>>> GetLabelsAsync(string team, IGraphStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetLabelsAsync(Args.Team(team), cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<string>>> GetNodesAsync(
        string team,
        string label,
        [FromQuery] string? name,
        [FromQuery] string? limit,
        [FromQuery] string? random,
        IGraphStore store,
        CancellationToken cancellationToken)
    {
        var query = new NodeListQuery(string.IsNullOrEmpty(name) ? null : name, Args.Count(limit, "limit"), Args.Flag(random, "random"));
        var names = await store.GetNodeNamesAsync(Args.Team(team), Args.Label(label), query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(names);
    }

    private static Task<IResult> GetNodePathAsync(string team, string label, string node, HttpContext http, IGraphStore store, TimeProvider time)
    {
        var teamName = Args.Team(team);
        var validLabel = Args.Label(label);
        var path = NodePath.Of(http, node);
        var name = Args.NodeName(path.Name);
        var query = http.Request.Query;
        var cancellationToken = http.RequestAborted;
        return path.Resource switch
        {
            NodeResource.Count => CountAsync(store, teamName, validLabel, name, cancellationToken),
            NodeResource.Node => GetNodeAsync(store, time, teamName, validLabel, name, query, cancellationToken),
            NodeResource.History => TimeTravelApi.HistoryAsync(store, teamName, validLabel, name, cancellationToken),
            NodeResource.ImpactedWhy => TimeTravelApi.WhyAsync(http, store, time, teamName, validLabel, name),
            _ => ImpactApi.HandleAsync(path.Resource, http, store, time, teamName, validLabel, name),
        };
    }

    private static async Task<IResult> GetNodeAsync(
        IGraphStore store, TimeProvider time, Core.Naming.TeamName team, string label, string name, IQueryCollection query, CancellationToken cancellationToken)
    {
        var alone = Args.Flag(query["alone"], "alone");
        var day = Args.Day(query["day"]) ?? UtcDay.Of(time.GetUtcNow());
        var includeInactive = Args.Flag(query["inactive"], "inactive");
        var direction = Args.Flag(query["impacted"], "impacted") ? Direction.Dependents : Direction.Dependencies;

        var found = await store.GetNodeAsync(team, label, name, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return Problems.NodeNotFound(label, name);
        }

        if (alone)
        {
            return TypedResults.Ok(NodeAnswer.Of(found));
        }

        var neighbours = await store.GetNeighboursAsync(team, label, name, direction, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(DependencyQuery.Build(found, neighbours, direction, day, includeInactive));
    }

    private static async Task<IResult> CountAsync(IGraphStore store, Core.Naming.TeamName team, string label, string name, CancellationToken cancellationToken)
    {
        if (await store.GetNodeAsync(team, label, name, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NodeNotFound(label, name);
        }

        return TypedResults.Ok(new CountAnswer(await store.CountDependenciesAsync(team, label, name, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<IResult> DeleteNodeAsync(
        string team, string label, string node, [FromQuery] string? detach, HttpContext http, IGraphStore store, CancellationToken cancellationToken)
    {
        var teamName = Args.Team(team);
        var validLabel = Args.Label(label);
        var name = Args.NodeName(NodePath.WholeName(http, node));
        var outcome = await store.DeleteNodeAsync(teamName, validLabel, name, Args.Flag(detach, "detach"), cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            DeleteOutcome.Deleted => TypedResults.Ok(new Dictionary<string, object>()),
            DeleteOutcome.NotFound => Problems.NodeNotFound(validLabel, name),
            _ => Problems.Status(
                StatusCodes.Status409Conflict,
                "Node has relationships",
                $"The {validLabel} node '{name}' still has relationships; delete with ?detach=true to remove them too."),
        };
    }
}
