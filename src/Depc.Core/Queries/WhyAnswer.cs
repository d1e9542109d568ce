using System.Text.Json.Serialization;

namespace Depc.Core.Queries;

/// <summary>
/// Why a node is impacted (SPEC §7.8): <c>Path[0]</c> is the impacted node, the last the failing node, and
/// <c>Relationships[i]</c> links <c>Path[i]</c> to <c>Path[i + 1]</c>. When <c>Active</c>, every element of the
/// chain is active at the moment asked; otherwise the inactive ones are flagged.
/// </summary>
public sealed record WhyAnswer(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("path")] IReadOnlyList<ChainNode> Path,
    [property: JsonPropertyName("relationships")] IReadOnlyList<ChainLink> Relationships);
