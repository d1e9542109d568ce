using System.Diagnostics;
using Depc.Core.Naming;
using Depc.Core.Periods;
using Depc.Neo4j.Http;
using Depc.Neo4j.Writing;

namespace Depc.Bench.Neo4j;

/// <summary>
/// A lower bound for any writer of the events on this server, not a way to write them: one transaction that CREATEs
/// the events' nodes (knowing they are new), then every relationship with Depc's own statement for new relationships
/// (<see cref="RelationshipStatements.Create"/>: by node ids, with the properties the sink template sets too). No reads,
/// no MERGE, no change index, no ledger, no process start: what is left of a write once everything a writer could plan
/// away is gone.
/// </summary>
internal static class CreateOnlyFloor
{
    public static async Task<TimeSpan> RunAsync(Neo4jClient client, TeamName team, int count)
    {
        var events = Neo4jEvents.All(count).ToList();
        var (servers, clusters) = (events.Select(e => e.Server).Distinct().ToList(), events.Select(e => e.Cluster).Distinct().ToList());
        var (serverIds, clusterIds) = (new Dictionary<string, long>(StringComparer.Ordinal), new Dictionary<string, long>(StringComparer.Ordinal));
        var clock = Stopwatch.StartNew();
        var transaction = await client.BeginAsync(
            [CreateNodes(SinkTemplate.Label(team, "Server"), servers, serverIds), CreateNodes(SinkTemplate.Label(team, "Cluster"), clusters, clusterIds)],
            CancellationToken.None);
        await transaction.CommitAsync(
            [RelationshipStatements.Create(events.Select(e => (serverIds[e.Server], clusterIds[e.Cluster], new RelationshipState([e.From], LastState.From, e.From))).ToList())],
            CancellationToken.None);
        return clock.Elapsed;
    }

    // Ids come back in the order the names were sent.
    private static CypherStatement CreateNodes(string label, List<string> names, Dictionary<string, long> ids)
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
            row => ids[names[next++]] = row[0].GetInt64());
    }
}
