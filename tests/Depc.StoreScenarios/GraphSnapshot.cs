using System.Text;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

/// <summary>
/// A team's whole graph as canonical text (labels, nodes with from/to, relationships with
/// periods), read only through the store seam, so that two stores or two runs compare exactly.
/// </summary>
public static class GraphSnapshot
{
    public static async Task<string> CaptureAsync(IGraphStore store, TeamName team)
    {
        var text = new StringBuilder();
        foreach (var label in await store.GetLabelsAsync(team, CancellationToken.None).ConfigureAwait(false))
        {
            text.Append("label ").Append(label.Name).Append(' ').Append(label.NodesCount).AppendLine();
            foreach (var name in await store.GetNodeNamesAsync(team, label.Name, new NodeListQuery(), CancellationToken.None).ConfigureAwait(false))
            {
                var node = (await store.GetNodeAsync(team, label.Name, name, CancellationToken.None).ConfigureAwait(false))!;
                text.Append("  node ").Append(name).Append(" from=").Append(node.From).Append(" to=").Append(node.To).AppendLine();
                var neighbours = await store.GetNeighboursAsync(team, label.Name, name, Direction.Dependencies, CancellationToken.None).ConfigureAwait(false);
                foreach (var n in neighbours.OrderBy(n => n.Node.Label, StringComparer.Ordinal).ThenBy(n => n.Node.Name, StringComparer.Ordinal))
                {
                    text.Append("    -> ").Append(n.Node.Label).Append(':').Append(n.Node.Name)
                        .Append(" [").Append(string.Join(',', n.Periods)).Append(']').AppendLine();
                }
            }
        }

        return text.ToString();
    }
}
