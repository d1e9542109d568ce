using CsCheck;
using Depc.Core.Messages;

namespace Depc.Core.Tests.Support;

/// <summary>CsCheck generators of valid messages (within the SPEC §3 rules).</summary>
internal static class MessageGen
{
    public const string NameChars = "!#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~";

    public static readonly Gen<string> Label =
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char["ABCXYZabcxyz0129"].Array[0, 8], (first, rest) => first + new string(rest));

    public static readonly Gen<string> Name = Gen.Char[NameChars].Array[1, 12].Select(chars => new string(chars));

    public static readonly Gen<long> Timestamp = Gen.Frequency(
        (3, Gen.Long[0, 2_000_000_000]),
        (1, Gen.Long[0, long.MaxValue]),
        (1, Gen.OneOf<long>(0L, 1L, long.MaxValue)));

    public static readonly Gen<long?> From = Timestamp.Nullable();

    public static readonly Gen<long?> To = Timestamp.Select(t => Math.Max(t, 1)).Nullable();

    public static readonly Gen<NodeSpec> Node = Gen.Select(Label, Name, From, To, (l, n, f, t) => new NodeSpec(l, n, f, t));

    public static readonly Gen<RelSpec> Rel = Gen.Select(From, To, (f, t) => new RelSpec(f, t));

    public static readonly Gen<GraphMessage> Message = Gen.Select(Node, Node.Null(0.3), Rel.Null(0.3), (s, t, r) => new GraphMessage(s, t, r));
}
