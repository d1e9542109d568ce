namespace Depc.Core.Planning;

/// <summary>A relationship event and the position of the message that carried it.</summary>
public readonly record struct PlannedEvent(int MessageIndex, long? From, long? To);
