using System.Text;
using System.Text.Json;

namespace Depc.Core.Storage;

/// <summary>An instance's held partitions as one compact JSON text (<c>[[topic, partition, lag], …]</c>), as both stores keep them.</summary>
public static class HeldPartitionsJson
{
    public static string Encode(IReadOnlyList<HeldPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var p in partitions)
            {
                w.WriteStartArray();
                w.WriteStringValue(p.Topic);
                w.WriteNumberValue(p.Partition);
                w.WriteNumberValue(p.Lag);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<HeldPartition> Decode(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(p => new HeldPartition(p[0].GetString()!, p[1].GetInt32(), p[2].GetInt64()))];
    }
}
