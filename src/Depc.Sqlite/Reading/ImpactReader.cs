using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Reading;

/// <summary>
/// The impact subgraph of a node, breadth first: one statement per layer joins the frontier's ids (a JSON array)
/// to the relationships into them and their dependents, so each node is expanded once and each relationship read
/// once; the cost follows the reachable subgraph, never the number of paths. Rows are read through the SQLite C API
/// without a string per column: a name becomes a string only for a node seen the first time, a label is shared.
/// A large layer is read in two stages that overlap: one thread steps SQLite and copies the rows out
/// (<see cref="LayerRows"/>), the caller's thread turns them into the subgraph, in the same order (990k-node tree:
/// about half of the read was each). (Measured on that tree: a recursive CTE spent longer in its queue and
/// de-duplication than this spends in total.)
/// </summary>
internal static class ImpactReader
{
    private const string LayerSql = """
        SELECT r.target_id, r.source_id, r.periods, n.label, n.name, coalesce(n."from", -1), coalesce(n."to", -1)
        FROM json_each(?1) f JOIN relationships r ON r.target_id = f.value JOIN nodes n ON n.id = r.source_id
        """;

    /// <summary>A layer with at least this many ids is read in two stages; a smaller one costs less than a thread.</summary>
    private const int OverlapFrontier = 2_048;

    /// <summary>Chunks in flight between the two stages: enough to ride out a pause of either.</summary>
    private const int ChunksInFlight = 8;

    /// <summary>Rows of a chunk handed between the two stages.</summary>
    private const int OverlapChunkRows = 4_096;

    /// <summary>Rows of a chunk read inline: small enough to stay in the cache and never grow past a few KiB.</summary>
    private const int InlineChunkRows = 128;

    // A query's chunk and frontier text, kept by the thread: an HTTP impacted query allocated ~160 KiB, most of it
    // these buffers growing, and paid for it in collections under load. Nothing here outlives one Read.
    [ThreadStatic]
    private static LayerRows? t_inlineRows;

    [ThreadStatic]
    private static byte[]? t_json;

    public static ImpactSubgraph? Read(SqliteConnection c, TeamName team, string label, string name)
    {
        if (GraphReader.Node(c, team, label, name) is not { } root)
        {
            return null;
        }

        using var layer = new RawStatement(c, LayerSql);
        var graph = new LayerBuilder(root);
        var json = t_json ??= new byte[1024];
        var rows = t_inlineRows ??= new LayerRows(InlineChunkRows);
        List<long> frontier = [root.Id];
        while (frontier.Count > 0)
        {
            layer.BindUtf8(1, JsonArray(frontier, ref json));
            if (frontier.Count >= OverlapFrontier)
            {
                Overlapped(layer, graph);
            }
            else
            {
                rows.Clear();
                while (Fill(layer, rows))
                {
                    graph.Add(rows);
                    rows.Clear();
                }

                graph.Add(rows);
            }

            frontier = graph.NextFrontier();
        }

        // A wide walk's text is not kept: the next query would not need it.
        t_json = json.Length <= 64 * 1024 ? json : null;
        return graph.Build();
    }

    // Copies rows until the chunk is full (true: more may follow) or the layer ends (false, the statement reset).
    private static bool Fill(RawStatement layer, LayerRows rows)
    {
        while (!rows.IsFull)
        {
            if (!layer.Step())
            {
                return false;
            }

            rows.Add(layer);
        }

        return true;
    }

    private static void Overlapped(RawStatement layer, LayerBuilder graph)
    {
        using var full = new BlockingCollection<LayerRows>(ChunksInFlight);
        var free = new ConcurrentBag<LayerRows>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    bool more;
                    do
                    {
                        var rows = free.TryTake(out var reused) ? reused : new LayerRows(OverlapChunkRows);
                        rows.Clear();
                        more = Fill(layer, rows);
                        full.Add(rows, stop.Token);
                    }
                    while (more);
                }
                finally
                {
                    full.CompleteAdding();
                }
            },
            stop.Token,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var rows in full.GetConsumingEnumerable())
            {
                graph.Add(rows);
                free.Add(rows);
            }

            reader.GetAwaiter().GetResult();
        }
        finally
        {
            // On a failure here, the reader must stop touching the statement before it is reset or disposed.
            stop.Cancel();
            try
            {
                reader.Wait(CancellationToken.None);
            }
            catch (AggregateException) when (reader.IsFaulted || reader.IsCanceled)
            {
                // Already thrown above, or cancelled by the failure being thrown.
            }

            if (!reader.IsCompletedSuccessfully)
            {
                layer.Reset();
            }
        }
    }

    private static ReadOnlySpan<byte> JsonArray(List<long> ids, ref byte[] buffer)
    {
        var most = 2 + (ids.Count * 21);
        if (buffer.Length < most)
        {
            buffer = new byte[Math.Max(most, buffer.Length * 2)];
        }

        var at = 0;
        buffer[at++] = (byte)'[';
        foreach (var id in ids)
        {
            if (at > 1)
            {
                buffer[at++] = (byte)',';
            }

            Utf8Formatter.TryFormat(id, buffer.AsSpan(at), out var written);
            at += written;
        }

        buffer[at++] = (byte)']';
        return buffer.AsSpan(0, at);
    }

    /// <summary>Turns a layer's rows, in order, into the subgraph's nodes and edges, and collects the next layer's ids.</summary>
    private sealed class LayerBuilder(GraphNode root)
    {
        private readonly ImpactSubgraphBuilder _builder = new(root);
        private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
        private byte[] _lastLabelBytes = [];
        private string _lastLabel = "";
        private long[] _periods = new long[16];
        private List<long> _next = [];

        public void Add(LayerRows rows)
        {
            var (target, dependency) = (-1L, -1);
            for (var i = 0; i < rows.Count; i++)
            {
                // Rows come by target, in frontier order: one lookup per target, not per row.
                if (rows.Target(i) != target)
                {
                    target = rows.Target(i);
                    _builder.TryGetIndex(target, out dependency);
                }

                var source = rows.Source(i);
                if (!_builder.TryGetIndex(source, out var dependent))
                {
                    dependent = _builder.Add(source, Label(rows.Label(i)), Encoding.UTF8.GetString(rows.Name(i)), Bound(rows.From(i)), Bound(rows.To(i)));
                    _next.Add(source);
                }

                var count = PeriodsCodec.DecodeUtf8(rows.Periods(i), ref _periods);
                _builder.AddEdge(dependent, dependency, _periods.AsSpan(0, count));
            }
        }

        public List<long> NextFrontier()
        {
            var next = _next;
            _next = [];
            return next;
        }

        public ImpactSubgraph Build() => _builder.Build();

        // Bounds are ≥ 0, so -1 stands for an absent one: one call to read a column instead of two.
        private static long? Bound(long value) => value < 0 ? null : value;

        private string Label(ReadOnlySpan<byte> bytes)
        {
            if (!bytes.SequenceEqual(_lastLabelBytes))
            {
                var text = Encoding.UTF8.GetString(bytes);
                _lastLabel = _labels.TryGetValue(text, out var known) ? known : _labels[text] = text;
                _lastLabelBytes = bytes.ToArray();
            }

            return _lastLabel;
        }
    }
}
