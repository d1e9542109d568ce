namespace Depc.Core.Storage;

/// <summary>A stored node. <c>Id</c> is the store's own identifier, only meaningful within one answer.</summary>
public sealed record GraphNode(long Id, string Label, string Name, long? From, long? To);
