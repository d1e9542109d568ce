namespace Depc.Core.Storage;

/// <summary>A <c>DEPENDS_ON</c> relationship with its two nodes and its periods, as a diff reads it.</summary>
public sealed record CandidateRelationship(GraphNode Source, GraphNode Target, long[] Periods);
