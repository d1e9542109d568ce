using System.Text;
using Depc.Core.Messages;

namespace Depc.Core.Tests.Support;

/// <summary>Decodes test messages written with single quotes (<c>{'source': …}</c>) for readability.</summary>
internal static class QuotedJson
{
    private static readonly MessageDecoder Decoder = new();

    public static byte[] Bytes(string singleQuoted) => Encoding.UTF8.GetBytes(singleQuoted.Replace('\'', '"'));

    public static DecodeResult Decode(string singleQuoted) => Decoder.Decode(Bytes(singleQuoted));

    /// <summary>Decodes exact JSON text (no quote replacement).</summary>
    public static DecodeResult DecodeRaw(string json) => Decoder.Decode(Encoding.UTF8.GetBytes(json));

    public static GraphMessage Valid(string singleQuoted) => AssertValid(Decode(singleQuoted), singleQuoted);

    public static GraphMessage ValidRaw(string json) => AssertValid(DecodeRaw(json), json);

    public static Rejection Rejected(string singleQuoted) => AssertRejected(Decode(singleQuoted), singleQuoted);

    public static Rejection RejectedRaw(string json) => AssertRejected(DecodeRaw(json), json);

    public static GraphMessage AssertValid(DecodeResult result, string input)
    {
        Assert.True(result.IsValid, $"expected valid: {input} but got: {result.Rejection}");
        Assert.Null(result.Rejection);
        return result.Message!;
    }

    public static Rejection AssertRejected(DecodeResult result, string input)
    {
        Assert.False(result.IsValid, $"expected a rejection for: {input}");
        Assert.Null(result.Message);
        Assert.NotNull(result.Rejection);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Rule));
        return result.Rejection;
    }
}
