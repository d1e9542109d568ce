using System.Text.Json;

namespace Depc.Core.Messages;

public sealed partial class MessageDecoder
{
    /// <summary>Reads the object whose StartObject is the current token, in either form.</summary>
    private DecodeResult ReadMessage(ref Utf8JsonReader reader, string path, bool allowEnvelope)
    {
        var depth = reader.CurrentDepth;
        var parts = default(MessageParts);
        Rejection? deferred = null;
        reader.Read();
        while (reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = MessageKeys.Classify(ref reader);
            if (allowEnvelope && key == MessageKey.Metadata)
            {
                return ReadEnvelope(ref reader, path + ".metadata", depth);
            }

            if (deferred is not null)
            {
                reader.Read();
                reader.Skip();
                reader.Read();
                continue;
            }

            var error = ReadField(ref reader, key, path, ref parts);
            if (error is null)
            {
                reader.Read();
                continue;
            }

            if (!allowEnvelope)
            {
                return DecodeResult.Invalid(error.Field, error.Rule);
            }

            // A 'metadata' key further on would make this object a mere envelope: keep reading keys.
            deferred = error;
            Resync(ref reader, depth);
        }

        return deferred is null ? parts.Build(path) : DecodeResult.Invalid(deferred.Field, deferred.Rule);
    }

    private DecodeResult ReadEnvelope(ref Utf8JsonReader reader, string path, int depth)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return DecodeResult.Invalid(path, "must be a JSON object (the message)");
        }

        var inner = ReadMessage(ref reader, path, allowEnvelope: false);
        if (inner.IsValid)
        {
            // Other keys of the envelope are the producer SDK's business: skip them.
            while (!(reader.CurrentDepth == depth && reader.TokenType == JsonTokenType.EndObject))
            {
                reader.Read();
            }
        }

        return inner;
    }

    /// <summary>Moves to the next property name of the object at <paramref name="depth"/>, or to its end.</summary>
    private static void Resync(ref Utf8JsonReader reader, int depth)
    {
        while (reader.Read())
        {
            if ((reader.CurrentDepth == depth + 1 && reader.TokenType == JsonTokenType.PropertyName)
                || (reader.CurrentDepth == depth && reader.TokenType == JsonTokenType.EndObject))
            {
                return;
            }
        }
    }

    private Rejection? ReadField(ref Utf8JsonReader reader, MessageKey key, string path, ref MessageParts parts)
    {
        if (key == MessageKey.Unknown || key == MessageKey.Metadata)
        {
            return new Rejection($"{path}.{MessageKeys.NameText(ref reader)}", "is not an allowed key");
        }

        if ((parts.Seen & key) != 0)
        {
            return new Rejection($"{path}.{MessageKeys.JsonName(key)}", "appears twice");
        }

        parts.Seen |= key;
        reader.Read();
        var name = MessageKeys.JsonName(key);
        return key switch
        {
            MessageKey.Source => ReadNode(ref reader, new FieldPath(path, name), out parts.Source),
            MessageKey.Target => ReadNode(ref reader, new FieldPath(path, name), out parts.Target),
            MessageKey.Rel => ReadRel(ref reader, new FieldPath(path, name), out parts.Rel),
            MessageKey.SourceLabel => ReadLabel(ref reader, new FieldPath(path, name), out parts.SourceLabel),
            MessageKey.SourceName => ReadName(ref reader, new FieldPath(path, name), out parts.SourceName),
            MessageKey.TargetLabel => ReadLabel(ref reader, new FieldPath(path, name), out parts.TargetLabel),
            MessageKey.TargetName => ReadName(ref reader, new FieldPath(path, name), out parts.TargetName),
            MessageKey.SourceFrom => ReadFrom(ref reader, new FieldPath(path, name), out parts.SourceFrom),
            MessageKey.SourceTo => ReadTo(ref reader, new FieldPath(path, name), out parts.SourceTo),
            MessageKey.TargetFrom => ReadFrom(ref reader, new FieldPath(path, name), out parts.TargetFrom),
            MessageKey.TargetTo => ReadTo(ref reader, new FieldPath(path, name), out parts.TargetTo),
            MessageKey.RelFrom => ReadFrom(ref reader, new FieldPath(path, name), out parts.RelFrom),
            MessageKey.RelTo => ReadTo(ref reader, new FieldPath(path, name), out parts.RelTo),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }
}
