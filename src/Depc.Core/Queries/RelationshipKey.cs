using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A <c>DEPENDS_ON</c> relationship named by its two nodes: <c>Source</c> depends on <c>Target</c>.</summary>
public sealed record RelationshipKey(
    [property: JsonPropertyName("source")] NodeKey Source,
    [property: JsonPropertyName("target")] NodeKey Target)
{
    /// <summary>By source, then target.</summary>
    public static Comparer<RelationshipKey> Order { get; } = Comparer<RelationshipKey>.Create(static (a, b) =>
    {
        var bySource = NodeKey.Order.Compare(a.Source, b.Source);
        return bySource != 0 ? bySource : NodeKey.Order.Compare(a.Target, b.Target);
    });
}
