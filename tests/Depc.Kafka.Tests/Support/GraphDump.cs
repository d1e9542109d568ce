using System.Text;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Kafka.Tests.Support;

/// <summary>A whole team graph as sorted text: nodes with from/to, relationships with their periods.</summary>
internal static class GraphDump
{
    public static async Task<string> DumpAsync(IGraphStore store, TeamName team)
    {
        var ct = CancellationToken.None;
        var text = new StringBuilder();
        foreach (var label in await store.GetLabelsAsync(team, ct))
        {
            text.AppendLine($"label {label.Name} ({label.NodesCount})");
            foreach (var name in await store.GetNodeNamesAsync(team, label.Name, new NodeListQuery(), ct))
            {
                var node = await store.GetNodeAsync(team, label.Name, name, ct);
                text.AppendLine($"node {label.Name}:{name} from={node?.From} to={node?.To}");
                var neighbours = await store.GetNeighboursAsync(team, label.Name, name, Direction.Dependencies, ct);
                foreach (var n in neighbours.OrderBy(n => n.Node.Label, StringComparer.Ordinal).ThenBy(n => n.Node.Name, StringComparer.Ordinal))
                {
                    text.AppendLine($"  -> {n.Node.Label}:{n.Node.Name} [{string.Join(',', n.Periods)}]");
                }
            }
        }

        return text.ToString();
    }
}
