namespace Depc.Core.Planning;

/// <summary>
/// Every event of a batch for one relationship, in message order. <paramref name="SourceAt"/> and
/// <paramref name="TargetAt"/> are the positions of its nodes in their label's <see cref="LabelNodes.Nodes"/>,
/// so a store that has just written those nodes finds their ids without looking their names up again.
/// </summary>
public sealed record RelationshipEvents(string SourceName, string TargetName, IReadOnlyList<PlannedEvent> Events, int SourceAt, int TargetAt);
