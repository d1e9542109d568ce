using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Neo4j.Http;

namespace Depc.Bench.Neo4j;

/// <summary>
/// The limit the store is measured against: the same plan written by bare <c>UNWIND … MERGE</c> statements in one
/// request, no state read back, no period table: what any client of this HTTP API would send at best.
/// </summary>
internal static class Bare
{
    public static async Task WriteAsync(Neo4jClient client, BatchPlan plan, bool constraints)
    {
        if (constraints)
        {
            foreach (var label in plan.Nodes.Select(n => n.Label))
            {
                await client.CommitAsync([new CypherStatement($"CREATE CONSTRAINT ON (n:{Label(plan.Team, label)}) ASSERT n.name IS UNIQUE")], CancellationToken.None);
            }
        }

        var statements = plan.Nodes.Select(group => new CypherStatement(
            $"UNWIND $rows AS row MERGE (n:{Label(plan.Team, group.Label)} {{name: row.name}}) SET n += row.props",
            w =>
            {
                w.WriteStartArray("rows"u8);
                foreach (var node in group.Nodes)
                {
                    w.WriteStartObject();
                    w.WriteString("name"u8, node.Name);
                    w.WriteStartObject("props"u8);
                    if (node.From is { } from)
                    {
                        w.WriteNumber("from"u8, from);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            })).ToList();
        statements.AddRange(plan.Relationships.Select(group => new CypherStatement(
            $"UNWIND $rows AS row MERGE (s:{Label(plan.Team, group.SourceLabel)} {{name: row.s}}) " +
            $"MERGE (t:{Label(plan.Team, group.TargetLabel)} {{name: row.t}}) " +
            "MERGE (s)-[r:DEPENDS_ON]->(t) SET r.periods = [row.ts], r.last_state = 'from', r.last_ts = row.ts",
            w =>
            {
                w.WriteStartArray("rows"u8);
                foreach (var rel in group.Relationships)
                {
                    w.WriteStartObject();
                    w.WriteString("s"u8, rel.SourceName);
                    w.WriteString("t"u8, rel.TargetName);
                    w.WriteNumber("ts"u8, rel.Events[^1].From ?? 0);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            })));
        await client.CommitAsync(statements, CancellationToken.None);
    }

    private static string Label(TeamName team, string label) => "`" + team.NamespacedLabel(GraphNames.ValidLabel(label)) + "`";
}
