using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>What changed between <c>t1</c> and <c>t2</c> (SPEC §7.9): active at <c>t2</c> but not <c>t1</c>, and the reverse.</summary>
public sealed record DiffAnswer(
    [property: JsonPropertyName("appeared")] DiffSide Appeared,
    [property: JsonPropertyName("disappeared")] DiffSide Disappeared);
