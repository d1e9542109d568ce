namespace Depc.Core.Storage;

/// <summary>A direct neighbour of a node and the <c>DEPENDS_ON</c> relationship that links them.</summary>
public sealed record Neighbour(GraphNode Node, long RelationshipId, long[] Periods);
