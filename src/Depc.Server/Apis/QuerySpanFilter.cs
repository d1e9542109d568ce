using Depc.Core.Telemetry;

namespace Depc.Server.Apis;

/// <summary>
/// A span per read of a team's graph (<c>depc.query</c>, under ASP.NET Core's request span): the route, the team, and
/// the label and node path asked about. Writes have their own spans (<c>depc.http.ingest</c>, <c>depc.store.write</c>).
/// </summary>
internal sealed class QuerySpanFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return await next(context).ConfigureAwait(false);
        }

        using var span = DepcTracing.Source.StartActivity("depc.query");
        if (span is not null)
        {
            var route = http.Request.RouteValues;
            span.SetTag("depc.query", (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText)
                .SetTag(DepcTracing.Team, route["team"] as string)
                .SetTag("depc.label", route["label"] as string)
                .SetTag("depc.node_path", route["node"] as string);
        }

        return await next(context).ConfigureAwait(false);
    }
}
