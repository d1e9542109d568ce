using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Kafka.Tests.Support;

/// <summary>
/// A long deterministic stream: nested and flat messages, relationship events that open and close
/// periods, replays, invalid messages, and one marker node per fourth message. Everything whose
/// outcome depends on order is keyed by its source node, so any interleaving of partitions gives
/// the same graph as applying the stream in order.
/// </summary>
internal static class TestStream
{
    public static List<(string Key, string Json, string? Marker)> Generate(int keys, int perKey)
    {
        var stream = new List<(string, string, string?)>(keys * perKey);
        for (var i = 0; i < perKey; i++)
        {
            for (var k = 0; k < keys; k++)
            {
                stream.Add(Message(k, i));
            }
        }

        return stream;
    }

    /// <summary>The graph of a clean run: the whole stream applied in order, in one go.</summary>
    public static async Task<string> CleanGraphAsync(TestStores stores, TeamName team, List<(string Key, string Json, string? Marker)> stream)
    {
        var store = await stores.OpenAsync("clean-" + Guid.NewGuid().ToString("N"));
        var pipeline = new IngestPipeline(store, new MessageDecoder(), StoreRetry.Once(TimeProvider.System, new StoreHealth()));
        var now = FixedClock.Default.ToUnixTimeSeconds();
        var raws = stream.Select((m, i) => new RawMessage(Encoding.UTF8.GetBytes(m.Json), MessageOrigin.InBatch(i), now)).ToList();
        for (var start = 0; start < raws.Count; start += 1000)
        {
            await pipeline.WriteAsync(new StoreWrite(pipeline.Plan(team, [.. raws.Skip(start).Take(1000)]), now), CancellationToken.None);
        }

        return await GraphDump.DumpAsync(store, team);
    }

    private static (string, string, string?) Message(int k, int i)
    {
        var key = "k" + k;
        var db = "d" + (k % 3);
        var t = 1000 + (10 * i);
        return (i % 8) switch
        {
            0 or 4 => (key, $$$"""{"source": {"label": "Svc", "name": "{{{key}}}", "props": {"from": {{{i}}}}}, "target": {"label": "Mark", "name": "m{{{k}}}-{{{i}}}"}}""", $"m{k}-{i}"),
            1 => (key, $$$"""{"source": {"label": "Svc", "name": "{{{key}}}"}, "target": {"label": "Db", "name": "{{{db}}}"}, "rel": {"from": {{{t}}}}}""", null),
            2 => (key, $$$"""{"source_label": "Svc", "source_name": "{{{key}}}", "source_to": {{{5000 + i}}}, "target_label": "Db", "target_name": "{{{db}}}", "rel_to": {{{t}}}}""", null),
            3 => (key, "{not json " + key, null),
            5 => (key, $$$"""{"metadata": {"source": {"label": "Svc", "name": "{{{key}}}"}, "target": {"label": "Db", "name": "{{{db}}}"}, "rel": {"from": {{{t}}}, "to": {{{t + 5}}} } } }""", null),
            6 => (key, $$$"""{"source": {"label": "Svc", "name": "{{{key}}}"}, "target": {"label": "Db", "name": "{{{db}}}"}, "rel": {"from": {{{t - 20}}}}}""", null),
            _ => (key, $$$"""{"source": {"label": "Svc", "name": "{{{key}}}"}, "target": {"label": "Cache", "name": "c{{{k}}}"}}""", null),
        };
    }
}
