using System.Text;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Server.Tests.Support;

/// <summary>A text rendering of a team's whole graph, to assert that a refused request changed nothing.</summary>
public static class GraphSnapshot
{
    public static async Task<string> TakeAsync(IGraphStore store, TeamName team)
    {
        var text = new StringBuilder();
        foreach (var label in await store.GetLabelsAsync(team, default))
        {
            text.Append(label.Name).Append(' ').Append(label.NodesCount).AppendLine();
            foreach (var name in await store.GetNodeNamesAsync(team, label.Name, new NodeListQuery(), default))
            {
                var node = await store.GetNodeAsync(team, label.Name, name, default);
                text.Append("  ").Append(name).Append(' ').Append(node?.From).Append(' ').Append(node?.To).AppendLine();
                foreach (var n in await store.GetNeighboursAsync(team, label.Name, name, Direction.Dependencies, default))
                {
                    text.Append("    -> ").Append(n.Node.Label).Append('/').Append(n.Node.Name).Append(' ').AppendJoin(',', n.Periods).AppendLine();
                }
            }
        }

        return text.ToString();
    }
}
