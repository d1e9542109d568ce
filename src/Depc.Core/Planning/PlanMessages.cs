using Depc.Core.Messages;

namespace Depc.Core.Planning;

/// <summary>
/// What each message of a plan named: its source and target node (label group and position in it; -1 without a
/// target) and the bounds it gave them. The plan folds nodes over messages; this keeps just enough to plan a subset of
/// them again (<see cref="PlanSlicer"/>: a message the store refused, a partition fenced) without decoding anything
/// twice. Values only: 16 bytes a message, plus an entry for each node bound a message gives.
/// </summary>
public sealed class PlanMessages
{
    private int[] _refs;
    private int _count;

    internal PlanMessages(int expectedMessages) => _refs = new int[4 * Math.Max(1, expectedMessages)];

    internal List<NodeBounds> Given { get; } = [];

    internal void Add(int sourceGroup, int sourceAt, int targetGroup, int targetAt)
    {
        if (4 * (_count + 1) > _refs.Length)
        {
            Array.Resize(ref _refs, _refs.Length * 2);
        }

        var at = 4 * _count++;
        (_refs[at], _refs[at + 1], _refs[at + 2], _refs[at + 3]) = (sourceGroup, sourceAt, targetGroup, targetAt);
    }

    internal void Bounds(int message, bool target, NodeSpec node)
    {
        if (node.From is not null || node.To is not null)
        {
            Given.Add(new NodeBounds(message, target, node.From, node.To));
        }
    }

    internal (int Group, int At) Source(int message) => (_refs[4 * message], _refs[(4 * message) + 1]);

    /// <summary>The target's group and position; group -1 when the message has no target.</summary>
    internal (int Group, int At) Target(int message) => (_refs[(4 * message) + 2], _refs[(4 * message) + 3]);

    /// <summary>Bounds a message gave one of its nodes, in message order.</summary>
    internal readonly record struct NodeBounds(int Message, bool Target, long? From, long? To);
}
