using System.Text.Json.Serialization;
using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>A node's properties as answered to users: absent properties are left out, never null.</summary>
public sealed record NodeAnswer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? From,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? To)
{
    public static NodeAnswer Of(GraphNode node) => new(node.Name, node.From, node.To);
}
