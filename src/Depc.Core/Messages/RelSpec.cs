namespace Depc.Core.Messages;

/// <summary>The <c>rel</c> part of a message: one event for the period table (both null means "from now").</summary>
public sealed record RelSpec(long? From, long? To);
