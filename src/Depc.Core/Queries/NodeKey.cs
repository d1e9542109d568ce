using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>A node named by its label and name.</summary>
public sealed record NodeKey(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("name")] string Name)
{
    /// <summary>By label, then name, ordinally.</summary>
    public static Comparer<NodeKey> Order { get; } = Comparer<NodeKey>.Create(static (a, b) =>
    {
        var byLabel = string.CompareOrdinal(a.Label, b.Label);
        return byLabel != 0 ? byLabel : string.CompareOrdinal(a.Name, b.Name);
    });
}
