namespace Depc.Core.Messages;

/// <summary>A validated message: a source node, optionally a target node and a relationship event.</summary>
public sealed record GraphMessage(NodeSpec Source, NodeSpec? Target = null, RelSpec? Rel = null);
