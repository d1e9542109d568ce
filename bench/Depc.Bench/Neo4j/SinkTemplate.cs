using System.Diagnostics;
using Depc.Core.Naming;
using Depc.Neo4j.Http;

namespace Depc.Bench.Neo4j;

/// <summary>
/// What a Neo4j user would configure instead of Depc: the Neo4j Kafka sink's Cypher template, <c>UNWIND</c> 1,000
/// events per transaction, MERGE both nodes, MERGE the relationship, SET the event.
/// </summary>
internal static class SinkTemplate
{
    public const int EventsPerTransaction = 1_000;

    /// <summary>The uniqueness constraints of the events' labels, as an administrator would create them once.</summary>
    public static async Task CreateConstraintsAsync(Neo4jClient client, TeamName team)
    {
        foreach (var label in new[] { Label(team, "Server"), Label(team, "Cluster") })
        {
            await client.CommitAsync([new CypherStatement($"CREATE CONSTRAINT ON (n:{label}) ASSERT n.name IS UNIQUE")], CancellationToken.None);
        }
    }

    public static async Task<TimeSpan> RunAsync(Neo4jClient client, TeamName team, int count)
    {
        var (servers, clusters) = (Label(team, "Server"), Label(team, "Cluster"));
        var template =
            $"UNWIND $events AS event MERGE (s:{servers} {{name: event.source}}) MERGE (t:{clusters} {{name: event.target}}) " +
            "MERGE (s)-[r:DEPENDS_ON]->(t) SET r.last_state = 'from', r.last_ts = event.from, r.periods = coalesce(r.periods, []) + event.from";
        var events = Neo4jEvents.All(count).ToList();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i += EventsPerTransaction)
        {
            var chunk = events.GetRange(i, Math.Min(EventsPerTransaction, events.Count - i));
            await client.CommitAsync(
                [new CypherStatement(template, w =>
                {
                    w.WriteStartArray("events"u8);
                    foreach (var (server, cluster, from) in chunk)
                    {
                        w.WriteStartObject();
                        w.WriteString("source"u8, server);
                        w.WriteString("target"u8, cluster);
                        w.WriteNumber("from"u8, from);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                })],
                CancellationToken.None);
        }

        return clock.Elapsed;
    }

    public static string Label(TeamName team, string label) => "`" + team.NamespacedLabel(GraphNames.ValidLabel(label)) + "`";
}
