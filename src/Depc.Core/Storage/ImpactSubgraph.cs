namespace Depc.Core.Storage;

/// <summary>
/// Everything that depends on <c>Root</c>, directly or transitively: each reachable node once and
/// each relationship between them once, so its size is that of the subgraph, not of the paths.
/// </summary>
public sealed record ImpactSubgraph(GraphNode Root, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<DependencyEdge> Edges);
