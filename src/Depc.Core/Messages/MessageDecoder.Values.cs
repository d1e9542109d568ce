using System.Text;
using System.Text.Json;
using Depc.Core.Ingestion;

namespace Depc.Core.Messages;

public sealed partial class MessageDecoder
{
    /// <summary>Reads <c>{"label", "name", "props"?}</c>; the current token is its value.</summary>
    private Rejection? ReadNode(ref Utf8JsonReader reader, FieldPath path, out NodeSpec? node)
    {
        node = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new Rejection(path.ToString(), "must be an object with label, name and optional props");
        }

        string? label = null, name = null;
        long? from = null, to = null;
        var seenProps = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Rejection? error;
            if (reader.ValueTextEquals("label"u8))
            {
                error = label is null ? ReadValue(ref Value(ref reader), path.Child("label"), out label, isLabel: true) : Twice(path, "label");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                error = name is null ? ReadValue(ref Value(ref reader), path.Child("name"), out name, isLabel: false) : Twice(path, "name");
            }
            else if (reader.ValueTextEquals("props"u8))
            {
                error = seenProps ? Twice(path, "props") : ReadBounds(ref Value(ref reader), path.Child("props"), out from, out to);
                seenProps = true;
            }
            else
            {
                error = new Rejection($"{path}.{MessageKeys.NameText(ref reader)}", "is not an allowed key (allowed: label, name, props)");
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (label is null)
        {
            return new Rejection(path + ".label", "is required");
        }

        if (name is null)
        {
            return new Rejection(path + ".name", "is required");
        }

        node = new NodeSpec(label, name, from, to);
        return null;
    }

    private static Rejection? ReadRel(ref Utf8JsonReader reader, FieldPath path, out RelSpec? rel)
    {
        var error = ReadBounds(ref reader, path, out var from, out var to);
        rel = error is null ? new RelSpec(from, to) : null;
        return error;
    }

    /// <summary>Reads <c>{"from"?, "to"?}</c> (a node's props or a rel).</summary>
    private static Rejection? ReadBounds(ref Utf8JsonReader reader, FieldPath path, out long? from, out long? to)
    {
        from = to = null;
        Rejection? error;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new Rejection(path.ToString(), "must be an object with optional from and to");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("from"u8))
            {
                error = from is null ? ReadFrom(ref Value(ref reader), path.Child("from"), out from) : Twice(path, "from");
            }
            else if (reader.ValueTextEquals("to"u8))
            {
                error = to is null ? ReadTo(ref Value(ref reader), path.Child("to"), out to) : Twice(path, "to");
            }
            else
            {
                error = new Rejection($"{path}.{MessageKeys.NameText(ref reader)}", "is not an allowed key (allowed: from, to)");
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private Rejection? ReadLabel(ref Utf8JsonReader reader, FieldPath path, out string? label) =>
        ReadValue(ref reader, path, out label, isLabel: true);

    private Rejection? ReadName(ref Utf8JsonReader reader, FieldPath path, out string? name) =>
        ReadValue(ref reader, path, out name, isLabel: false);

    private Rejection? ReadValue(ref Utf8JsonReader reader, FieldPath path, out string? value, bool isLabel)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return new Rejection(path.ToString(), isLabel ? Naming.GraphNames.LabelRule : Naming.GraphNames.NameRule);
        }

        // Escapes (\u0041) are legal JSON: judge the text they stand for (rare, so off the fast path).
        var bytes = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
        if (OverLimit(bytes.Length, isLabel) is { } tooLong)
        {
            return new Rejection(path.ToString(), tooLong);
        }

        if (isLabel ? !Naming.GraphNames.IsValidLabel(bytes) : !Naming.GraphNames.IsValidName(bytes))
        {
            return new Rejection(path.ToString(), isLabel ? Naming.GraphNames.LabelRule : Naming.GraphNames.NameRule);
        }

        value = isLabel ? _labels.Get(bytes) : Encoding.Latin1.GetString(bytes);
        return null;
    }

    // Checked before the characters: a long value costs no more than its length.
    private string? OverLimit(int length, bool isLabel)
    {
        var (limit, unit, setting) = isLabel
            ? (Limits.MaxLabelLength, "characters", nameof(IngestLimits.MaxLabelLength))
            : (Limits.MaxNameBytes, "bytes", nameof(IngestLimits.MaxNameBytes));
        return length <= limit
            ? null
            : $"is {length} {unit}, longer than the limit of {limit} {unit} (setting {IngestLimits.Setting(setting)})";
    }

    private static byte[] Unescaped(ref Utf8JsonReader reader) => Encoding.UTF8.GetBytes(reader.GetString()!);

    private static Rejection? ReadFrom(ref Utf8JsonReader reader, FieldPath path, out long? value) =>
        ReadInteger(ref reader, path, minimum: 0, out value);

    private static Rejection? ReadTo(ref Utf8JsonReader reader, FieldPath path, out long? value) =>
        ReadInteger(ref reader, path, minimum: 1, out value);

    private static Rejection? ReadInteger(ref Utf8JsonReader reader, FieldPath path, long minimum, out long? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var n) || n < minimum)
        {
            return new Rejection(path.ToString(), $"must be an integer >= {minimum} (Unix seconds; no fraction, no quotes)");
        }

        value = n;
        return null;
    }

    /// <summary>Steps from a property name onto its value, so that every reader starts on the value.</summary>
    private static ref Utf8JsonReader Value(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    private static Rejection Twice(FieldPath path, string key) => new($"{path}.{key}", "appears twice");
}
