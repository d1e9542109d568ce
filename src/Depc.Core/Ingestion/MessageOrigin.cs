using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Depc.Core.Ingestion;

/// <summary>
/// Where a message came from, kept as values (a Kafka topic, partition and offset; a file and line; a request's line
/// or array item) until an edge prints it: <c>depc.acme/2@1234</c>, <c>seed.ndjson:12</c>, <c>line 3</c>, <c>item 4</c>.
/// A value, so the millions of lines of <c>depc ingest</c> allocate nothing for it.
/// </summary>
[JsonConverter(typeof(MessageOriginTextConverter))]
public readonly record struct MessageOrigin
{
    private MessageOrigin(OriginKind kind, string? name, int partition, long position) =>
        (Kind, Name, Partition, Position) = (kind, name, partition, position);

    public OriginKind Kind { get; }

    /// <summary>The Kafka topic or the file; null for a request.</summary>
    public string? Name { get; }

    /// <summary>The Kafka partition; 0 otherwise.</summary>
    public int Partition { get; }

    /// <summary>The Kafka offset, the line (from 1), the array item (from 1) or the position in a batch (from 0).</summary>
    public long Position { get; }

    /// <summary>The input path as the rejection feed names it: <c>kafka</c>, <c>http</c>, <c>file</c> or <c>batch</c>.</summary>
    public string Source => Kind switch
    {
        OriginKind.Kafka => "kafka",
        OriginKind.FileLine => "file",
        OriginKind.RequestLine or OriginKind.RequestItem => "http",
        _ => "batch",
    };

    public static MessageOrigin Kafka(string topic, int partition, long offset) => new(OriginKind.Kafka, topic, partition, offset);

    public static MessageOrigin FileLine(string file, long line) => new(OriginKind.FileLine, file, 0, line);

    public static MessageOrigin RequestLine(long line) => new(OriginKind.RequestLine, null, 0, line);

    public static MessageOrigin RequestItem(long item) => new(OriginKind.RequestItem, null, 0, item);

    /// <summary>The <paramref name="index"/>-th message of a batch given as a list (tests, library callers).</summary>
    public static MessageOrigin InBatch(long index) => new(OriginKind.InBatch, null, 0, index);

    /// <summary>True when this is offset <c>&lt; next</c> of <paramref name="topic"/>/<paramref name="partition"/>.</summary>
    public bool IsKafkaBelow(string topic, int partition, long next) =>
        Kind == OriginKind.Kafka && Partition == partition && Position < next && string.Equals(Name, topic, StringComparison.Ordinal);

    public override string ToString() => Kind switch
    {
        OriginKind.Kafka => string.Create(CultureInfo.InvariantCulture, $"{Name}/{Partition}@{Position}"),
        OriginKind.FileLine => string.Create(CultureInfo.InvariantCulture, $"{Name}:{Position}"),
        OriginKind.RequestLine => string.Create(CultureInfo.InvariantCulture, $"line {Position}"),
        OriginKind.RequestItem => string.Create(CultureInfo.InvariantCulture, $"item {Position}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"message {Position}"),
    };

    /// <summary>Written as its text (the edge where reports become JSON); reports are never read back from JSON as origins.</summary>
    private sealed class MessageOriginTextConverter : JsonConverter<MessageOrigin>
    {
        public override MessageOrigin Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a message origin is written as text, never read back");

        public override void Write(Utf8JsonWriter writer, MessageOrigin value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
