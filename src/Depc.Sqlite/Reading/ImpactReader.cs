using System.Buffers.Text;
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
/// (Measured on the 990k-node tree: a recursive CTE spent longer in its queue and de-duplication than this spends
/// in total.)
/// </summary>
internal static class ImpactReader
{
    private const string LayerSql = """
        SELECT r.target_id, r.source_id, r.periods, n.label, n.name, coalesce(n."from", -1), coalesce(n."to", -1)
        FROM json_each(?1) f JOIN relationships r ON r.target_id = f.value JOIN nodes n ON n.id = r.source_id
        """;

    public static ImpactSubgraph? Read(SqliteConnection c, TeamName team, string label, string name)
    {
        if (GraphReader.Node(c, team, label, name) is not { } root)
        {
            return null;
        }

        var builder = new ImpactSubgraphBuilder(root);
        using var layer = new RawStatement(c, LayerSql);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var (lastLabelBytes, lastLabel) = (Array.Empty<byte>(), "");
        var periods = new long[16];
        var json = new byte[64];
        List<long> frontier = [root.Id];
        while (frontier.Count > 0)
        {
            var next = new List<long>();
            layer.BindUtf8(1, JsonArray(frontier, ref json));
            var (target, dependency) = (-1L, -1);
            while (layer.Step())
            {
                // Rows come by target, in frontier order: one lookup per target, not per row.
                if (layer.Int64(0) != target)
                {
                    target = layer.Int64(0);
                    builder.TryGetIndex(target, out dependency);
                }

                var source = layer.Int64(1);
                if (!builder.TryGetIndex(source, out var dependent))
                {
                    var labelBytes = layer.Bytes(3);
                    if (!labelBytes.SequenceEqual(lastLabelBytes))
                    {
                        var text = Encoding.UTF8.GetString(labelBytes);
                        lastLabel = labels.TryGetValue(text, out var known) ? known : labels[text] = text;
                        lastLabelBytes = labelBytes.ToArray();
                    }

                    dependent = builder.Add(
                        source,
                        lastLabel,
                        Encoding.UTF8.GetString(layer.Bytes(4)),
                        Bound(layer.Int64(5)),
                        Bound(layer.Int64(6)));
                    next.Add(source);
                }

                var count = PeriodsCodec.DecodeUtf8(layer.Bytes(2), ref periods);
                builder.AddEdge(dependent, dependency, periods.AsSpan(0, count));
            }

            frontier = next;
        }

        return builder.Build();
    }

    // Bounds are ≥ 0, so -1 stands for an absent one: one call to read a column instead of two.
    private static long? Bound(long value) => value < 0 ? null : value;

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
}
