namespace Depc.Core.Planning;

/// <summary>The relationships of a batch from one source label to one target label.</summary>
public sealed record RelationshipGroup(string SourceLabel, string TargetLabel, IReadOnlyList<RelationshipEvents> Relationships);
