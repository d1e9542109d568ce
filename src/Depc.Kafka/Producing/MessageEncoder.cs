using System.Buffers;
using System.Text.Json;
using Depc.Core.Messages;

namespace Depc.Kafka.Producing;

/// <summary>Writes a validated message back as SPEC §3 JSON, nested or flat; absent values stay absent.</summary>
public static class MessageEncoder
{
    public static byte[] Encode(GraphMessage message, PushFormat format)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (format == PushFormat.Flat)
            {
                WriteFlat(json, message);
            }
            else
            {
                WriteNested(json, message);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNested(Utf8JsonWriter json, GraphMessage message)
    {
        WriteNode(json, "source", message.Source);
        if (message.Target is { } target)
        {
            WriteNode(json, "target", target);
        }

        if (message.Rel is { } rel)
        {
            json.WriteStartObject("rel");
            Optional(json, "from", rel.From);
            Optional(json, "to", rel.To);
            json.WriteEndObject();
        }
    }

    private static void WriteNode(Utf8JsonWriter json, string key, NodeSpec node)
    {
        json.WriteStartObject(key);
        json.WriteString("label", node.Label);
        json.WriteString("name", node.Name);
        if (node.From is not null || node.To is not null)
        {
            json.WriteStartObject("props");
            Optional(json, "from", node.From);
            Optional(json, "to", node.To);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteFlat(Utf8JsonWriter json, GraphMessage message)
    {
        json.WriteString("source_label", message.Source.Label);
        json.WriteString("source_name", message.Source.Name);
        Optional(json, "source_from", message.Source.From);
        Optional(json, "source_to", message.Source.To);
        if (message.Target is { } target)
        {
            json.WriteString("target_label", target.Label);
            json.WriteString("target_name", target.Name);
            Optional(json, "target_from", target.From);
            Optional(json, "target_to", target.To);
        }

        Optional(json, "rel_from", message.Rel?.From);
        Optional(json, "rel_to", message.Rel?.To);
    }

    private static void Optional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
