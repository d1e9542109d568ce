using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Server.Options;
using Microsoft.Extensions.Options;

namespace Depc.Server.Apis;

/// <summary>
/// The time-travel queries of SPEC §7 over HTTP, answered by <see cref="TimeTravelQueries"/> like the CLI's:
/// <c>GET /v1/teams/{team}/diff</c>, and a node's <c>…/history</c> and <c>…/impacted/why</c> (routed by <see cref="GraphApi"/>).
/// </summary>
internal static class TimeTravelApi
{
    public static IEndpointRouteBuilder MapTimeTravelApi(this IEndpointRouteBuilder team)
    {
        team.MapGet("/diff", DiffAsync)
            .WithSummary("What appeared and disappeared between ?from= and ?to= (Unix seconds): nodes and relationships, each list sorted and paged")
            .WithDescription("?label= keeps that label's nodes and their relationships; ?label=&node= one node and its direct neighbours; ?skip= and ?limit= page each of the four lists.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return team;
    }

    public static async Task<IResult> HistoryAsync(IGraphStore store, Core.Naming.TeamName team, string label, string name, CancellationToken cancellationToken) =>
        Answer(await TimeTravelQueries.HistoryAsync(store, team, new NodeKey(label, name), cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> WhyAsync(HttpContext http, IGraphStore store, TimeProvider time, Core.Naming.TeamName team, string label, string name)
    {
        var query = http.Request.Query;
        var impacted = new NodeKey(Args.Label(query["impactedLabel"], "impactedLabel"), Args.NodeName(query["impactedNode"], "impactedNode"));
        var ts = Args.UnixSeconds(query["ts"], "ts") ?? time.GetUtcNow().ToUnixTimeSeconds();
        return Answer(await TimeTravelQueries.WhyAsync(store, team, new NodeKey(label, name), impacted, ts, http.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> DiffAsync(string team, HttpContext http, IGraphStore store, IOptions<ServerOptions> options)
    {
        var query = http.Request.Query;
        var diff = new DiffQuery(
            Args.UnixSeconds(query["from"], "from") ?? throw new InvalidArgumentException("from", "is required: the first moment, Unix seconds"),
            Args.UnixSeconds(query["to"], "to") ?? throw new InvalidArgumentException("to", "is required: the second moment, Unix seconds"),
            query["label"].Count == 0 ? null : Args.Label(query["label"]),
            query["node"].Count == 0 ? null : Args.NodeName(query["node"]),
            Args.Count(query["skip"], "skip") ?? 0,
            Args.Count(query["limit"], "limit") ?? options.Value.DefaultDiffLimit);
        if (diff.Problem() is var (argument, rule))
        {
            throw new InvalidArgumentException(argument, rule);
        }

        return Answer(await TimeTravelQueries.DiffAsync(store, Args.Team(team), diff, http.RequestAborted).ConfigureAwait(false));
    }

    private static IResult Answer<T>(Lookup<T> lookup)
        where T : class =>
        lookup.Answer is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.Problem(lookup.NotFound, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
