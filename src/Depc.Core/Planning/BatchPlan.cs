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

    /// <summary>What each message named, so that a subset of the messages can be planned again; null for a plan built by hand.</summary>
    public PlanMessages? Messages { get; init; }

    /// <summary>The most periods a relationship keeps when this plan is applied (<see cref="Ingestion.IngestLimits.MaxPeriods"/>).</summary>
    public int MaxPeriods { get; init; } = Ingestion.IngestLimits.DefaultMaxPeriods;

    /// <summary>An empty plan of <paramref name="team"/>: a write that only moves positions and counts.</summary>
    public static BatchPlan Empty(TeamName team) => new(team, 0, [], []) { Messages = new PlanMessages(0) };
}
