using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;
using Depc.Server.Options;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Depc.Server.Apis;

/// <summary>
/// <c>…/impacted</c> (a page), <c>…/impacted/count</c> and <c>…/impacted/all</c> (streamed) of a node, via
/// <see cref="ImpactAnalysis"/>; <c>paths=true</c> gives each node its witness chain.
/// </summary>
internal static class ImpactApi
{
    private const int FlushEvery = 1_000;

    public static async Task<IResult> HandleAsync(NodeResource resource, HttpContext http, IGraphStore store, TimeProvider time, TeamName team, string label, string name)
    {
        var query = http.Request.Query;
        var impactedLabel = Args.Label(query["impactedLabel"], "impactedLabel");
        var ts = Args.UnixSeconds(query["ts"], "ts") ?? time.GetUtcNow().ToUnixTimeSeconds();

        // `inactive` on every variant; `withInactiveNodes` is the original system's name on /all.
        var includeInactive = Args.Flag(query["inactive"], "inactive") || Args.Flag(query["withInactiveNodes"], "withInactiveNodes");
        var activeFirst = Args.Flag(query["activeFirst"], "activeFirst");
        var paths = Args.Flag(query["paths"], "paths");
        var options = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        var skip = Args.Count(query["skip"], "skip") ?? 0;
        var limit = Args.Count(query["limit"], "limit") ?? options.DefaultImpactedLimit;

        var subgraph = await store.GetImpactSubgraphAsync(team, label, name, http.RequestAborted).ConfigureAwait(false);
        if (subgraph is null)
        {
            return Problems.NodeNotFound(label, name);
        }

        var impacted = ImpactAnalysis.Analyze(subgraph, impactedLabel, ts);
        return resource switch
        {
            NodeResource.ImpactedCount => TypedResults.Ok(new CountAnswer(impacted.CountOf(includeInactive))),
            NodeResource.ImpactedAll => new StreamedImpact(impacted.Select(includeInactive, activeFirst, paths)),
            _ => TypedResults.Ok<IReadOnlyList<ImpactedNode>>([.. impacted.Select(includeInactive, activeFirst, paths).Skip(skip).Take(limit)]),
        };
    }

    /// <summary>Writes the array item by item straight to the response, flushing as it goes: no answer-sized buffer.</summary>
    private sealed class StreamedImpact(IEnumerable<ImpactedNode> nodes) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var serializer = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            var cancellationToken = httpContext.RequestAborted;
            var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter);
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartArray();
                var n = 0;
                foreach (var node in nodes)
                {
                    JsonSerializer.Serialize(writer, node, serializer);
                    if (++n % FlushEvery == 0)
                    {
                        writer.Flush();
                        await httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                writer.WriteEndArray();
                writer.Flush();
                await httpContext.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
