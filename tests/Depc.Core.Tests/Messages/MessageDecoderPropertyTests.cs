using System.Text;
using CsCheck;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

public sealed class MessageDecoderPropertyTests
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", " ", "\"", "\\", "\"source\"", "\"target\"", "\"rel\"", "\"label\"", "\"name\"", "\"props\"",
        "\"from\"", "\"to\"", "\"metadata\"", "\"source_label\"", "\"source_name\"", "\"target_label\"", "\"target_name\"",
        "\"rel_from\"", "\"rel_to\"", "\"source_from\"", "\"A\"", "\"a\"", "\"\"", "1", "0", "-1", "1.5", "1e3", "9223372036854775808",
        "null", "true", "false", "\"\\u0041\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud83d\\ude00\"", "\"\\u00e9\"", "\"\\\"\"", "\u00e9", "\"a b\"",
        "\"\\u0073ource\"", "\"\\u006d\\u0065\\u0074\\u0061\\u0064\\u0061\\u0074\\u0061\"", "/*", "*/", "\n",
    ];

    private static readonly MessageDecoder Decoder = new(maxMessageBytes: 4096);

    [Fact]
    public void Decode_never_throws_for_arbitrary_bytes()
    {
        Gen.Byte.Array[0, 300].Sample(bytes => AssertWellFormedResult(Decoder.Decode(bytes)), iter: 20_000);
    }

    [Fact]
    public void Decode_never_throws_for_json_like_token_soup()
    {
        Gen.OneOf<string>(Tokens).Array[0, 60].Select(tokens => string.Concat(tokens))
            .Sample(text => AssertWellFormedResult(Decoder.Decode(Encoding.UTF8.GetBytes(text))), iter: 20_000);
    }

    [Fact]
    public void Decode_never_throws_for_mutated_valid_messages()
    {
        var gen = Gen.Select(MessageGen.Message, Gen.Int, Gen.Int[1, 6], Gen.Byte.Array[6]);
        gen.Sample((message, seed, mutations, noise) =>
        {
            var random = new Random(seed);
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(new MessageWriter(random, escapeAll: seed % 2 == 0).Nested(message)));
            for (var i = 0; i < mutations && bytes.Count > 0; i++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = noise[i]; break;
                    case 1: bytes.RemoveAt(at); break;
                    default: bytes.Insert(at, noise[i]); break;
                }
            }

            AssertWellFormedResult(Decoder.Decode(bytes.ToArray()));
        }, iter: 10_000);
    }

    [Fact]
    public void Decode_round_trips_generated_valid_messages_in_every_form()
    {
        var gen = Gen.Select(MessageGen.Message, Gen.Int, Gen.Bool, Gen.Bool, Gen.Bool);
        gen.Sample((message, seed, flat, envelope, escapeAll) =>
        {
            var writer = new MessageWriter(new Random(seed), escapeAll);
            var json = flat ? writer.Flat(message) : writer.Nested(message);
            if (envelope)
            {
                json = writer.Envelope(json);
            }

            var decoded = QuotedJson.AssertValid(new MessageDecoder().Decode(Encoding.UTF8.GetBytes(json)), json);
            Assert.Equal(Expected(message, flat), decoded);
        }, iter: 5_000);
    }

    [Fact]
    public void Decode_gives_the_same_message_for_the_nested_and_flat_forms()
    {
        MessageGen.Message.Where(m => m.Target is not null && m.Rel is { From: not null } or { To: not null }).Sample(message =>
        {
            var writer = new MessageWriter(new Random(1), escapeAll: false);

            Assert.Equal(message, QuotedJson.ValidRaw(writer.Nested(message)));
            Assert.Equal(message, QuotedJson.ValidRaw(writer.Flat(message)));
        }, iter: 2_000);
    }

    /// <summary>What the decoder must make of a generated message: a rel only with a target; flat form has no empty rel.</summary>
    private static GraphMessage Expected(GraphMessage m, bool flat)
    {
        var rel = m.Target is null ? null : m.Rel;
        if (flat && rel is { From: null, To: null })
        {
            rel = null;
        }

        return m with { Rel = rel };
    }

    private static void AssertWellFormedResult(DecodeResult result)
    {
        Assert.True(result.IsValid ^ result.Rejection is not null);
        if (result.Rejection is { } rejection)
        {
            Assert.StartsWith("$", rejection.Field, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(rejection.Rule));
        }
        else
        {
            Assert.True(GraphNames.IsValidLabel(result.Message!.Source.Label.AsSpan()));
            Assert.True(GraphNames.IsValidName(result.Message.Source.Name.AsSpan()));
        }
    }
}
