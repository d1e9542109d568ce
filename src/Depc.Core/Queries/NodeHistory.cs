using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>Shapes a node and its neighbours in both directions into its <see cref="HistoryAnswer"/>.</summary>
public static class NodeHistory
{
    public const string Out = "out";
    public const string In = "in";

    /// <remarks>Sorted ordinally by direction (so <c>in</c> before <c>out</c>), then label, then name.</remarks>
    public static HistoryAnswer Build(GraphNode node, IReadOnlyList<Neighbour> dependencies, IReadOnlyList<Neighbour> dependents)
    {
        var relationships = dependencies.Select(n => Entry(Out, n)).Concat(dependents.Select(n => Entry(In, n))).ToList();
        relationships.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Direction, b.Direction);
            c = c != 0 ? c : string.CompareOrdinal(a.Label, b.Label);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });
        return new HistoryAnswer(new HistoryNode(node.Label, node.Name, node.From, node.To), relationships);
    }

    private static HistoryRelationship Entry(string direction, Neighbour n) => new(direction, n.Node.Label, n.Node.Name, n.Periods);
}
