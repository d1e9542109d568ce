using System.Buffers.Binary;
using System.Text;

namespace Depc.Testing.Telemetry;

/// <summary>
/// The protobuf wire format, read field by field (varint, 64-bit, length-delimited, 32-bit): enough to walk OTLP export
/// requests without their generated classes.
/// </summary>
public readonly struct ProtobufReader(ReadOnlyMemory<byte> message)
{
    public IEnumerable<ProtobufField> Fields()
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message.Span, ref at);
            var (number, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    yield return new ProtobufField(number, Varint(message.Span, ref at), ReadOnlyMemory<byte>.Empty);
                    break;
                case 1:
                    yield return new ProtobufField(number, BinaryPrimitives.ReadUInt64LittleEndian(message.Span[at..]), message.Slice(at, 8));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref at);
                    yield return new ProtobufField(number, 0, message.Slice(at, length));
                    at += length;
                    break;
                case 5:
                    yield return new ProtobufField(number, BinaryPrimitives.ReadUInt32LittleEndian(message.Span[at..]), message.Slice(at, 4));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"protobuf wire type {wire} (field {number}) is not supported");
            }
        }
    }

    /// <summary>The embedded messages (or strings, bytes) of a repeated length-delimited field.</summary>
    public IEnumerable<ProtobufReader> All(int number) => Fields().Where(f => f.Number == number).Select(f => new ProtobufReader(f.Bytes));

    public string? Text(int number) => Fields().Where(f => f.Number == number).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();

    public ProtobufField? Field(int number) => Fields().Where(f => f.Number == number).Cast<ProtobufField?>().FirstOrDefault();

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

/// <summary>One field: its number, its numeric value (varint or fixed) and, when length-delimited, its bytes.</summary>
public readonly record struct ProtobufField(int Number, ulong Value, ReadOnlyMemory<byte> Bytes);
