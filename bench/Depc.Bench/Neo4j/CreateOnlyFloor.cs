using System.Diagnostics;
using Depc.Core.Naming;
using Depc.Neo4j.Http;

namespace Depc.Bench.Neo4j;

/// <summary>
/// A lower bound for any writer of the events on this server, not a way to write them: one transaction that CREATEs
/// the events' nodes (knowing they are new) and then every relationship between node ids, with the properties the sink
/// template sets. No reads, no MERGE, no change index, no ledger, no process start: what is left of a write once
/// everything a writer could plan away is gone.
/// </summary>
internal static class CreateOnlyFloor
{
    public static async Task<TimeSpan> RunAsync(Neo4jClient client, TeamName team, int count)
    {
        var events = Neo4jEvents.All(count).ToList();
        var (servers, clusters) = (events.Select(e => e.Server).Distinct().ToList(), events.Select(e => e.Cluster).Distinct().ToList());
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var transaction = await client.BeginAsync(
            [CreateNodes(SinkTemplate.Label(team, "Server"), "s:", servers, ids), CreateNodes(SinkTemplate.Label(team, "Cluster"), "c:", clusters, ids)],
            CancellationToken.None);
        await transaction.CommitAsync(
            [new CypherStatement(
                "UNWIND $rows AS row MATCH (s) WHERE id(s) = row[0] MATCH (t) WHERE id(t) = row[1] " +
                "CREATE (s)-[:DEPENDS_ON {periods: [row[2]], last_state: 'from', last_ts: row[2]}]->(t)",
                w =>
                {
                    w.WriteStartArray("rows"u8);
                    foreach (var (server, cluster, from) in events)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(ids["s:" + server]);
                        w.WriteNumberValue(ids["c:" + cluster]);
                        w.WriteNumberValue(from);
                        w.WriteEndArray();
                    }

                    w.WriteEndArray();
                })],
            CancellationToken.None);
        return clock.Elapsed;
    }

    // Ids come back in the order the names were sent; the prefix keeps a server and a cluster of one name apart.
    private static CypherStatement CreateNodes(string label, string prefix, List<string> names, Dictionary<string, long> ids)
    {
        var next = 0;
        return new CypherStatement(
            $"UNWIND $names AS name CREATE (n:{label} {{name: name}}) RETURN id(n)",
            w =>
            {
                w.WriteStartArray("names"u8);
                names.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            },
            row => ids[prefix + names[next++]] = row[0].GetInt64());
    }
}
