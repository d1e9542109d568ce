namespace Depc.Core.Planning;

/// <summary>
/// Every event of a batch for one relationship, in message order. <paramref name="SourceAt"/> and
/// <paramref name="TargetAt"/> are the positions of its nodes in their label's <see cref="LabelNodes.Nodes"/>,
/// so a store that has just written those nodes finds their ids without looking their names up again.
/// A value, and its events a slice of one array per plan: a plan is a few arrays rather than objects per
/// relationship, so a batch waiting for the writer gives the garbage collector little to trace and copy.
/// </summary>
public readonly record struct RelationshipEvents(string SourceName, string TargetName, ArraySegment<PlannedEvent> Events, int SourceAt, int TargetAt);
