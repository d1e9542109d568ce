using System.Globalization;
using System.Text;
using System.Text.Json;
using Depc.Core.Messages;

namespace Depc.Core.Tests.Support;

/// <summary>Writes a <see cref="GraphMessage"/> as producers would: nested or flat, keys in any order, escaped or not, enveloped or not.</summary>
internal sealed class MessageWriter(Random random, bool escapeAll)
{
    public string Nested(GraphMessage m)
    {
        var fields = new List<(string, string)> { ("source", Node(m.Source)) };
        if (m.Target is { } target)
        {
            fields.Add(("target", Node(target)));
        }

        if (m.Rel is { } rel)
        {
            fields.Add(("rel", Bounds(rel.From, rel.To)));
        }

        return Object(fields);
    }

    public string Flat(GraphMessage m)
    {
        var fields = new List<(string, string)> { ("source_label", Text(m.Source.Label)), ("source_name", Text(m.Source.Name)) };
        AddNumber(fields, "source_from", m.Source.From);
        AddNumber(fields, "source_to", m.Source.To);
        if (m.Target is { } target)
        {
            fields.Add(("target_label", Text(target.Label)));
            fields.Add(("target_name", Text(target.Name)));
            AddNumber(fields, "target_from", target.From);
            AddNumber(fields, "target_to", target.To);
        }

        AddNumber(fields, "rel_from", m.Rel?.From);
        AddNumber(fields, "rel_to", m.Rel?.To);
        return Object(fields);
    }

    public string Envelope(string message)
    {
        var fields = new List<(string, string)> { ("metadata", message) };
        if (random.Next(2) == 0)
        {
            fields.Add(("topic", "\"depc.acme\""));
            fields.Add(("source", "{\"label\": 1}"));
            fields.Add(("offset", "[1, 2.5, null, {\"x\": true}]"));
        }

        return Object(fields);
    }

    private string Node(NodeSpec node)
    {
        var fields = new List<(string, string)> { ("label", Text(node.Label)), ("name", Text(node.Name)) };
        if (node.From is not null || node.To is not null || random.Next(3) == 0)
        {
            fields.Add(("props", Bounds(node.From, node.To)));
        }

        return Object(fields);
    }

    private string Bounds(long? from, long? to)
    {
        var fields = new List<(string, string)>();
        AddNumber(fields, "from", from);
        AddNumber(fields, "to", to);
        return Object(fields);
    }

    private static void AddNumber(List<(string, string)> fields, string key, long? value)
    {
        if (value is { } v)
        {
            fields.Add((key, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private string Object(List<(string Key, string Value)> fields)
    {
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields));
        var sb = new StringBuilder("{");
        foreach (var (key, value) in fields)
        {
            sb.Append(sb.Length > 1 ? ", " : string.Empty).Append(Text(key)).Append(": ").Append(value);
        }

        return sb.Append('}').ToString();
    }

    private string Text(string value)
    {
        if (!escapeAll)
        {
            return JsonSerializer.Serialize(value);
        }

        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return sb.Append('"').ToString();
    }
}
