namespace Depc.Core.Storage;

/// <summary>
/// Nodes and relationships whose activity may differ between two moments: every one that does, and maybe others
/// (a store's change index may hold stale entries). The diff decides from their current bounds and periods.
/// </summary>
public sealed record ChangeCandidates(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<CandidateRelationship> Relationships)
{
    public static ChangeCandidates Empty { get; } = new([], []);
}
