using System.Text.Json;

namespace Depc.Core.Messages;

/// <summary>Recognises property names on the raw bytes, without allocating a string per key.</summary>
internal static class MessageKeys
{
    // The longest key has 12 characters, and an escape (\u0073) takes 6 bytes for 1: a longer
    // escaped name cannot stand for a known key.
    private const int MaxKeyBytes = 12 * 6;

    public static MessageKey Classify(ref Utf8JsonReader reader)
    {
        Span<byte> buffer = stackalloc byte[MaxKeyBytes];
        scoped ReadOnlySpan<byte> name;
        if (!reader.ValueIsEscaped)
        {
            name = reader.ValueSpan;
        }
        else if (reader.ValueSpan.Length <= MaxKeyBytes)
        {
            name = buffer[..reader.CopyString(buffer)];
        }
        else
        {
            return MessageKey.Unknown;
        }

        return name.Length switch
        {
            3 when name.SequenceEqual("rel"u8) => MessageKey.Rel,
            6 when name.SequenceEqual("source"u8) => MessageKey.Source,
            6 when name.SequenceEqual("target"u8) => MessageKey.Target,
            6 when name.SequenceEqual("rel_to"u8) => MessageKey.RelTo,
            8 when name.SequenceEqual("metadata"u8) => MessageKey.Metadata,
            8 when name.SequenceEqual("rel_from"u8) => MessageKey.RelFrom,
            9 when name.SequenceEqual("source_to"u8) => MessageKey.SourceTo,
            9 when name.SequenceEqual("target_to"u8) => MessageKey.TargetTo,
            11 when name.SequenceEqual("source_name"u8) => MessageKey.SourceName,
            11 when name.SequenceEqual("source_from"u8) => MessageKey.SourceFrom,
            11 when name.SequenceEqual("target_name"u8) => MessageKey.TargetName,
            11 when name.SequenceEqual("target_from"u8) => MessageKey.TargetFrom,
            12 when name.SequenceEqual("source_label"u8) => MessageKey.SourceLabel,
            12 when name.SequenceEqual("target_label"u8) => MessageKey.TargetLabel,
            _ => MessageKey.Unknown,
        };
    }

    /// <summary>The current property name as text, for error messages only.</summary>
    public static string NameText(ref Utf8JsonReader reader)
    {
        var name = reader.GetString() ?? string.Empty;
        return name.Length > 64 ? name[..64] + "…" : name;
    }

    public static string JsonName(MessageKey key) => key switch
    {
        MessageKey.Source => "source",
        MessageKey.Target => "target",
        MessageKey.Rel => "rel",
        MessageKey.SourceLabel => "source_label",
        MessageKey.SourceName => "source_name",
        MessageKey.SourceFrom => "source_from",
        MessageKey.SourceTo => "source_to",
        MessageKey.TargetLabel => "target_label",
        MessageKey.TargetName => "target_name",
        MessageKey.TargetFrom => "target_from",
        MessageKey.TargetTo => "target_to",
        MessageKey.RelFrom => "rel_from",
        MessageKey.RelTo => "rel_to",
        MessageKey.Metadata => "metadata",
        _ => "?",
    };

    /// <summary>The first key set in a mask, for error messages.</summary>
    public static string FirstName(MessageKey mask)
    {
        for (var bit = 1; bit <= (int)MessageKey.Metadata; bit <<= 1)
        {
            if (((int)mask & bit) != 0)
            {
                return JsonName((MessageKey)bit);
            }
        }

        return "?";
    }
}
