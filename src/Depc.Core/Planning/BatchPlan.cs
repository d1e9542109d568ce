using Depc.Core.Naming;

namespace Depc.Core.Planning;

/// <summary>
/// What a batch of one team's messages does to the graph, grouped for bulk writes. Applying it
/// must give the same graph as applying its messages one by one.
/// </summary>
public sealed record BatchPlan(
    TeamName Team,
    int MessageCount,
    IReadOnlyList<LabelNodes> Nodes,
    IReadOnlyList<RelationshipGroup> Relationships)
{
    public int NodeCount => Nodes.Sum(g => g.Nodes.Count);

    public int RelationshipCount => Relationships.Sum(g => g.Relationships.Count);
}
