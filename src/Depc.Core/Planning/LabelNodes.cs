namespace Depc.Core.Planning;

/// <summary>The nodes of one label in a batch, each once, in order of first appearance.</summary>
public sealed record LabelNodes(string Label, IReadOnlyList<NodeUpsert> Nodes);
