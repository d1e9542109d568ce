using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Reading;

/// <summary>
/// Everything that depends on a node, breadth first: one query per layer with the frontier's node ids, each
/// node expanded once, so the cost follows the reachable subgraph and not the number of paths (the original's
/// <c>MATCH p = (n)-[*]-&gt;(x)</c> enumerated every path and explodes on diamond-shaped graphs).
/// </summary>
internal sealed class ImpactWalker(Neo4jClient client)
{
    private static readonly string LayerQuery =
        "MATCH (n) WHERE id(n) IN $ids MATCH (m)-[r:DEPENDS_ON]->(n) " +
        $"RETURN id(n), {Rows.NodeColumns("m")}, r.periods";

    public async Task<ImpactSubgraph?> WalkAsync(TeamName team, string label, string name, CancellationToken cancellationToken)
    {
        GraphNode? root = null;
        await client.ReadAsync(
            [new($"MATCH (n:{CypherText.Label(team, label)} {{name: $name}}) RETURN {Rows.NodeColumns("n")}",
                w => w.WriteString("name"u8, name),
                row => root ??= Rows.Node(team, row, 0))],
            cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var builder = new ImpactSubgraphBuilder(root);
        var frontier = new List<long> { root.Id };
        while (frontier.Count > 0)
        {
            var next = new List<long>();
            var ids = frontier;
            await client.ReadAsync(
                [new(LayerQuery,
                    w =>
                    {
                        w.WriteStartArray("ids"u8);
                        ids.ForEach(w.WriteNumberValue);
                        w.WriteEndArray();
                    },
                    row =>
                    {
                        if (Rows.Node(team, row, 1) is not { } dependent)
                        {
                            return;
                        }

                        if (!builder.TryGetIndex(dependent.Id, out var index))
                        {
                            index = builder.Add(dependent.Id, dependent.Label, dependent.Name, dependent.From, dependent.To);
                            next.Add(dependent.Id);
                        }

                        builder.TryGetIndex(row[0].GetInt64(), out var dependency);
                        builder.AddEdge(index, dependency, Rows.Periods(row[6]));
                    })],
                cancellationToken).ConfigureAwait(false);
            frontier = next;
        }

        return builder.Build();
    }
}
