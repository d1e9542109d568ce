namespace Depc.Core.Planning;

/// <summary>One node of a batch, its <c>from</c>/<c>to</c> folded over every message that named it (null: unchanged).</summary>
public readonly record struct NodeUpsert(string Name, long? From, long? To);
