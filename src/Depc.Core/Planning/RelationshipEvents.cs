namespace Depc.Core.Planning;

/// <summary>Every event of a batch for one relationship, in message order.</summary>
public sealed record RelationshipEvents(string SourceName, string TargetName, IReadOnlyList<PlannedEvent> Events);
