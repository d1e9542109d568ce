using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>The answer to "what does this node depend on (or who depends on it) on that day".</summary>
public sealed record DependenciesAnswer(
    [property: JsonPropertyName("dependencies")] IReadOnlyDictionary<string, IReadOnlyList<DependencyEntry>> Dependencies,
    [property: JsonPropertyName("graph")] GraphView Graph);
