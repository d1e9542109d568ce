using System.Text.Json;
using System.Text.Unicode;
using Depc.Core.Ingestion;

namespace Depc.Server.Ingestion;

/// <summary>
/// Cuts a request body into raw messages without interpreting them: NDJSON (one message per line,
/// blank lines skipped, origin <c>line N</c>) or, when the first non-blank byte is <c>[</c>, a JSON array
/// (each element's bytes, origin <c>item N</c>), every message with the request's "now". Each message then goes
/// through the same decoder as the Kafka path. A line that is not UTF-8 is cut like any other and rejected alone by the
/// decoder (SPEC §3: a rejected message never affects the others), as <c>depc ingest</c> does. An array that cannot be cut
/// (not UTF-8, broken, too deep) is refused as a whole.
/// </summary>
internal static class MessageSplitter
{
    /// <summary>Deeper than any valid message (the decoder allows 16) but bounded, so a hostile body cannot recurse far.</summary>
    public const int MaxArrayDepth = 64;

    private static readonly JsonReaderOptions ArrayOptions = new() { MaxDepth = MaxArrayDepth };

    public static BodyError? Split(ReadOnlyMemory<byte> body, long now, int maxMessages, List<RawMessage> messages)
    {
        var span = body.Span;
        if (span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
            span = body.Span;
        }

        var start = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return BodyError.Invalid("the body is empty: send NDJSON (one JSON object per line) or a JSON array of objects");
        }

        if (span[start] != (byte)'[')
        {
            return SplitLines(body, now, maxMessages, messages);
        }

        return Utf8.IsValid(span)
            ? SplitArray(body, now, maxMessages, messages)
            : BodyError.Invalid($"the body is not valid UTF-8 (line {LineOfFirstInvalidByte(span)})");
    }

    private static BodyError? SplitLines(ReadOnlyMemory<byte> body, long now, int maxMessages, List<RawMessage> messages)
    {
        var line = 0;
        var rest = body;
        while (!rest.IsEmpty)
        {
            line++;
            var end = rest.Span.IndexOf((byte)'\n');
            var current = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
            if (current.Span.EndsWith("\r"u8))
            {
                current = current[..^1];
            }

            if (current.Span.IndexOfAnyExcept(" \t"u8) < 0)
            {
                continue;
            }

            if (messages.Count == maxMessages)
            {
                return TooMany(maxMessages);
            }

            messages.Add(new RawMessage(current, MessageOrigin.RequestLine(line), now));
        }

        return null;
    }

    private static BodyError? SplitArray(ReadOnlyMemory<byte> body, long now, int maxMessages, List<RawMessage> messages)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span, ArrayOptions);
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (messages.Count == maxMessages)
                {
                    return TooMany(maxMessages);
                }

                var item = body[start..(int)reader.BytesConsumed];
                messages.Add(new RawMessage(item, MessageOrigin.RequestItem(messages.Count + 1), now));
            }

            if (reader.Read())
            {
                return BodyError.Invalid("the body has data after the JSON array");
            }

            return null;
        }
        catch (JsonException e)
        {
            return BodyError.Invalid("the body is not a valid JSON array: " + e.Message);
        }
    }

    private static BodyError TooMany(int maxMessages) => new(
        StatusCodes.Status413PayloadTooLarge,
        $"the body carries more than {maxMessages} messages, the most one request may write in one transaction (setting Depc:MaxMessagesPerRequest); send several requests");

    private static int LineOfFirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var line = 1;
        foreach (var range in body.Split((byte)'\n'))
        {
            if (!Utf8.IsValid(body[range]))
            {
                return line;
            }

            line++;
        }

        return line;
    }
}
