namespace Depc.Server.Apis;

/// <summary>
/// Splits the rest of a <c>…/nodes/</c> path into a node name and a sub-resource. Node names may contain
/// <c>/</c>, so the rule is: a path ending in <c>/count</c>, <c>/history</c>, <c>/impacted</c>, <c>/impacted/count</c>,
/// <c>/impacted/all</c> or <c>/impacted/why</c> always asks for that sub-resource (as the original system's routes did). A node
/// whose own name ends that way is reached by sending its last <c>/</c> as <c>%2F</c>, which is decoded
/// only after the split.
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

    public static NodePath Parse(string? raw)
    {
        raw ??= "";
        foreach (var (suffix, resource) in Suffixes)
        {
            if (raw.Length > suffix.Length && raw.EndsWith(suffix, StringComparison.Ordinal))
            {
                return new NodePath(Decode(raw[..^suffix.Length]), resource);
            }
        }

        return new NodePath(Decode(raw), NodeResource.Node);
    }

    /// <summary>The whole rest of the path as one name (DELETE has no sub-resources).</summary>
    public static string WholeName(string? raw) => Decode(raw ?? "");

    // Servers leave an escaped slash escaped in the path (it would otherwise change the path's segments).
    private static string Decode(string raw) => raw.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
