using Microsoft.AspNetCore.Http.Features;

namespace Depc.Server.Apis;

/// <summary>
/// Splits the rest of a <c>…/nodes/</c> path into a node name and a sub-resource. Node names may contain
/// <c>/</c>, so the rule is: a path ending in <c>/count</c>, <c>/history</c>, <c>/impacted</c>, <c>/impacted/count</c>,
/// <c>/impacted/all</c> or <c>/impacted/why</c> always asks for that sub-resource (as the original system's routes did). A node
/// whose own name ends that way is reached by sending its last <c>/</c> as <c>%2F</c>, which is decoded
/// only after the split. The split runs on the request target as sent, and the name is percent-decoded once after it:
/// Kestrel's path has every escape but <c>%2F</c> decoded already, so decoding <c>%2F</c> there again made
/// <c>a%252Fb</c> mean <c>a/b</c> and left a node named <c>a%2Fb</c> unreachable.
/// </summary>
internal readonly record struct NodePath(string Name, NodeResource Resource)
{
    private static readonly (string Suffix, NodeResource Resource)[] Suffixes =
    [
        ("/impacted/count", NodeResource.ImpactedCount),
        ("/impacted/all", NodeResource.ImpactedAll),
        ("/impacted/why", NodeResource.ImpactedWhy),
        ("/history", NodeResource.History),
        ("/impacted", NodeResource.Impacted),
        ("/count", NodeResource.Count),
    ];

    /// <summary>The node path of this request, read from its raw target (<paramref name="routeValue"/> if it has none).</summary>
    public static NodePath Of(HttpContext http, string routeValue) =>
        RawRest(http) is { } raw ? Parse(raw, Uri.UnescapeDataString) : Parse(routeValue, DecodeSlashes);

    /// <summary>The whole rest of the path as one name (DELETE has no sub-resources).</summary>
    public static string WholeName(HttpContext http, string routeValue) =>
        RawRest(http) is { } raw ? Uri.UnescapeDataString(raw) : DecodeSlashes(routeValue);

    private static NodePath Parse(string raw, Func<string, string> decode)
    {
        foreach (var (suffix, resource) in Suffixes)
        {
            if (raw.Length > suffix.Length && raw.EndsWith(suffix, StringComparison.Ordinal))
            {
                return new NodePath(decode(raw[..^suffix.Length]), resource);
            }
        }

        return new NodePath(decode(raw), NodeResource.Node);
    }

    /// <summary>
    /// What follows <c>…/teams/{team}/labels/{label}/nodes/</c> in the target as the client sent it, not decoded; null
    /// when there is no raw target (an in-memory test host) or it does not have that shape.
    /// </summary>
    private static string? RawRest(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? target : target[..query]).Split('/');
        // Team and label cannot hold '/', so the first place with this shape is the route's.
        for (var i = 0; i + 5 < segments.Length; i++)
        {
            if (Is(segments[i], "teams") && Is(segments[i + 2], "labels") && Is(segments[i + 4], "nodes"))
            {
                return string.Join('/', segments[(i + 5)..]);
            }
        }

        return null;
    }

    private static bool Is(string segment, string literal) => segment.Equals(literal, StringComparison.OrdinalIgnoreCase);

    // Kestrel leaves an escaped slash escaped in the path it decodes (it would otherwise change the path's segments).
    private static string DecodeSlashes(string path) => path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
