namespace Depc.Bench.Neo4j;

/// <summary>
/// The events of the Neo4j comparison: N new relationships over N/10 servers × N/10 clusters (each server depends
/// on 10 clusters, each cluster on 10 servers' worth of dependents), one relationship event per message.
/// </summary>
internal static class Neo4jEvents
{
    public const long Epoch = 1_600_000_000;

    public static IEnumerable<(string Server, string Cluster, long From)> All(int count)
    {
        var nodes = Math.Max(100, count / 10);
        var step = (nodes / 10) + 1;
        for (var i = 0; i < count; i++)
        {
            var (server, round) = (i % nodes, i / nodes);
            yield return ($"srv-{server}", $"cl-{(server + (round * step)) % nodes}", Epoch + i);
        }
    }

    public static IEnumerable<string> Lines(int count) =>
        All(count).Select(e =>
            $$$"""{"source":{"label":"Server","name":"{{{e.Server}}}"},"target":{"label":"Cluster","name":"{{{e.Cluster}}}"},"rel":{"from":{{{e.From}}}}}""");
}
