using System.Globalization;

namespace Depc.Testing.Telemetry;

/// <summary>OTLP <c>KeyValue</c> attributes (key 1, <c>AnyValue</c> 2), each value as text: strings, booleans, integers, doubles, arrays joined by commas.</summary>
public static class OtlpAttributes
{
    public static IReadOnlyDictionary<string, string> Read(IEnumerable<ProtobufReader> keyValues) =>
        keyValues.ToDictionary(kv => kv.Text(1) ?? "", kv => Value(new ProtobufReader(kv.Field(2)?.Bytes ?? ReadOnlyMemory<byte>.Empty)));

    private static string Value(ProtobufReader any)
    {
        foreach (var field in any.Fields())
        {
            switch (field.Number)
            {
                case 1:
                    return System.Text.Encoding.UTF8.GetString(field.Bytes.Span);
                case 2:
                    return field.Value != 0 ? "true" : "false";
                case 3:
                    return ((long)field.Value).ToString(CultureInfo.InvariantCulture);
                case 4:
                    return BitConverter.UInt64BitsToDouble(field.Value).ToString(CultureInfo.InvariantCulture);
                case 5:
                    return string.Join(",", new ProtobufReader(field.Bytes).All(1).Select(Value));
                default:
                    break;
            }
        }

        return "";
    }
}
