using System.Text;
using Depc.Core.Messages;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

/// <summary>What arrives before any field rule applies: bytes, JSON syntax, size, escapes.</summary>
public sealed class MessageDecoderInputTests
{
    private const string Smallest = """{"source":{"label":"A","name":"a"}}""";

    [Theory]
    [InlineData("source_label=A")]
    [InlineData("{source: {label: 'A', name: 'a'}}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'},}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'} /* c */}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {'from': 01}}}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {'from': NaN}}}")]
    [InlineData("{'source': {'label': 'A\n', 'name': 'a'}}")]
    [InlineData("{'source': {'label': 'A\\x41', 'name': 'a'}}")]
    [InlineData("{")]
    [InlineData("}")]
    public void Decode_rejects_text_that_is_not_json(string text)
    {
        var rejection = QuotedJson.Rejected(text);

        Assert.Equal("$", rejection.Field);
        Assert.StartsWith("is not valid JSON", rejection.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{'source': {'label': 'A', 'name': 'a'}}]")]
    [InlineData("'source'")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Decode_rejects_json_that_is_not_an_object(string text)
    {
        var rejection = QuotedJson.Rejected(text);

        Assert.Equal("$", rejection.Field);
        Assert.Equal("must be a JSON object", rejection.Rule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r ")]
    public void Decode_rejects_an_empty_payload(string text)
    {
        Assert.Equal("$", QuotedJson.RejectedRaw(text).Field);
    }

    [Fact]
    public void Decode_rejects_no_bytes_at_all()
    {
        var result = new MessageDecoder().Decode([]);

        Assert.Equal("$", QuotedJson.AssertRejected(result, "(no bytes)").Field);
    }

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    [InlineData(new byte[] { 0xc0, 0xaf })]
    [InlineData(new byte[] { 0xf4, 0x90, 0x80, 0x80 })]
    public void Decode_rejects_invalid_utf8_anywhere(byte[] bad)
    {
        var prefix = Encoding.UTF8.GetBytes("""{"source":{"label":"A","name":"a""");
        var suffix = Encoding.UTF8.GetBytes("\"}}");
        var decoder = new MessageDecoder();

        foreach (var payload in new[] { bad, [.. prefix, .. bad, .. suffix], [.. Encoding.UTF8.GetBytes(Smallest), .. bad] })
        {
            var rejection = QuotedJson.AssertRejected(decoder.Decode(payload), Convert.ToHexString(payload));
            Assert.Equal("$", rejection.Field);
            Assert.Equal("is not valid UTF-8", rejection.Rule);
        }
    }

    [Fact]
    public void Decode_accepts_a_message_of_exactly_the_size_limit()
    {
        var payload = Padded(Smallest, 1000);
        var decoder = new MessageDecoder(maxMessageBytes: 1000);

        QuotedJson.AssertValid(decoder.Decode(payload), "1000 bytes");
    }

    [Fact]
    public void Decode_rejects_a_message_one_byte_over_the_size_limit()
    {
        var payload = Padded(Smallest, 1001);
        var decoder = new MessageDecoder(maxMessageBytes: 1000);

        var rejection = QuotedJson.AssertRejected(decoder.Decode(payload), "1001 bytes");
        Assert.Equal("$", rejection.Field);
        Assert.Contains("larger than the limit of 1000 bytes", rejection.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_uses_a_one_mebibyte_limit_by_default()
    {
        var decoder = new MessageDecoder();

        Assert.Equal(1024 * 1024, decoder.MaxMessageBytes);
        QuotedJson.AssertValid(decoder.Decode(Padded(Smallest, 1024 * 1024)), "1 MiB");
        QuotedJson.AssertRejected(decoder.Decode(Padded(Smallest, (1024 * 1024) + 1)), "1 MiB + 1");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Decoder_refuses_a_limit_that_is_not_positive(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageDecoder(limit));
    }

    [Theory]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}} {'source': {'label': 'A', 'name': 'a'}}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}}\n{'source': {'label': 'B', 'name': 'b'}}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}}}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}}x")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}}1")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}}[]")]
    public void Decode_rejects_trailing_data(string text)
    {
        Assert.Equal("$", QuotedJson.Rejected(text).Field);
    }

    [Fact]
    public void Decode_accepts_surrounding_whitespace()
    {
        QuotedJson.ValidRaw(" \n\t" + Smallest + "\r\n ");
    }

    [Theory]
    [InlineData(14)]
    [InlineData(20)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Decode_rejects_deep_nesting_without_throwing(int depth)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        foreach (var json in new[]
        {
            "{\"x\": " + nested + "}",
            "{\"x\": " + objects + "}",
            "{\"source\": {\"label\": \"A\", \"name\": \"a\"}, \"extra\": " + nested + "}",
            "{\"metadata\": {\"source\": {\"label\": \"A\", \"name\": \"a\", \"props\": " + objects + "}}}",
            nested,
        })
        {
            QuotedJson.RejectedRaw(json);
        }
    }

    [Theory]
    [InlineData("""{"source": {"label": "\u0041", "name": "\u0061"}}""", "A", "a")]
    [InlineData("""{"source": {"label": "My\u004cabel", "name": "f\u006f\u006F"}}""", "MyLabel", "foo")]
    [InlineData("""{"source": {"label": "A", "name": "\/\u0023\u007e"}}""", "A", "/#~")]
    [InlineData("""{"source_label": "\u0041\u0042", "source_name": "\u003c\u003e\u0026"}""", "AB", "<>&")]
    public void Decode_judges_escaped_strings_by_the_text_they_stand_for(string json, string label, string name)
    {
        var message = QuotedJson.ValidRaw(json);

        Assert.Equal(label, message.Source.Label);
        Assert.Equal(name, message.Source.Name);
    }

    [Theory]
    [InlineData("""{"source": {"label": "\u0061", "name": "a"}}""", "$.source.label")]
    [InlineData("""{"source": {"label": "A", "name": "\u0020"}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "a\u0027"}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "a\""}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "a\\"}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "a\u0060"}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "a\u0000"}}""", "$.source.name")]
    [InlineData("""{"source": {"label": "A", "name": "\u00e9"}}""", "$.source.name")]
    [InlineData("""{"source_label": "A\u005f", "source_name": "a"}""", "$.source_label")]
    public void Decode_rejects_escapes_that_stand_for_forbidden_characters(string json, string field)
    {
        Assert.Equal(field, QuotedJson.RejectedRaw(json).Field);
    }

    [Theory]
    [InlineData("""{"source": {"label": "\ud800", "name": "a"}}""")]
    [InlineData("""{"source": {"label": "A", "name": "\udc00x"}}""")]
    [InlineData("""{"source_label": "A", "source_name": "\ud83d"}""")]
    [InlineData("""{"\ud800": 1}""")]
    [InlineData("""{"source": {"label": "A", "name": "a", "\udfff": 1}}""")]
    [InlineData("""{"source": {"label": "A", "name": "a", "props": {"\ud800x": 1}}}""")]
    public void Decode_rejects_escaped_lone_surrogates_without_throwing(string json)
    {
        QuotedJson.RejectedRaw(json);
    }

    [Fact]
    public void Decode_rejects_a_long_escaped_lone_surrogate_without_throwing()
    {
        var name = string.Concat(Enumerable.Repeat("\\u0061", 60)) + "\\ud800";
        QuotedJson.RejectedRaw("{\"source\": {\"label\": \"A\", \"name\": \"" + name + "\"}}");
    }

    [Fact]
    public void Decode_accepts_long_escaped_names()
    {
        var escaped = string.Concat(Enumerable.Repeat("\\u0061\\u003c", 100));

        var message = QuotedJson.ValidRaw("{\"source\": {\"label\": \"A\", \"name\": \"" + escaped + "\"}}");

        Assert.Equal(string.Concat(Enumerable.Repeat("a<", 100)), message.Source.Name);
    }

    [Theory]
    [InlineData("""{"\u0073ource": {"\u006cabel": "A", "n\u0061me": "a", "\u0070rops": {"\u0066rom": 1, "t\u006f": 2}}}""")]
    [InlineData("""{"\u0073\u006f\u0075\u0072\u0063\u0065": {"\u006c\u0061\u0062\u0065\u006c": "A", "\u006e\u0061\u006d\u0065": "a", "props": {"from": 1, "to": 2}}}""")]
    [InlineData("""{"\u0073\u006f\u0075\u0072\u0063\u0065\u005f\u006c\u0061\u0062\u0065\u006c": "A", "source_n\u0061me": "a", "source_from": 1, "\u0073\u006f\u0075\u0072\u0063\u0065\u005f\u0074\u006f": 2}""")]
    [InlineData("""{"\u006d\u0065\u0074\u0061\u0064\u0061\u0074\u0061": {"source_label": "A", "source_name": "a", "source_from": 1, "source_to": 2}}""")]
    public void Decode_recognises_escaped_keys(string json)
    {
        Assert.Equal(new GraphMessage(new NodeSpec("A", "a", 1, 2)), QuotedJson.ValidRaw(json));
    }

    [Fact]
    public void Decode_names_an_escaped_unknown_key_by_its_text()
    {
        Assert.Equal("$.sourc\u00e9", QuotedJson.RejectedRaw("""{"sourc\u00e9": {}}""").Field);
    }

    [Fact]
    public void Decode_rejects_a_leading_byte_order_mark()
    {
        // RFC 8259 forbids senders to add a BOM; the decoder treats it as text before the object.
        var result = new MessageDecoder().Decode([0xef, 0xbb, 0xbf, .. Encoding.UTF8.GetBytes(Smallest)]);

        var rejection = QuotedJson.AssertRejected(result, "BOM + smallest message");
        Assert.Equal("$", rejection.Field);
        Assert.StartsWith("is not valid JSON", rejection.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_gives_the_same_label_instance_for_repeated_labels()
    {
        var decoder = new MessageDecoder();
        var first = decoder.Decode(Encoding.UTF8.GetBytes(Smallest)).Message!;
        var second = decoder.Decode(Encoding.UTF8.GetBytes(Smallest)).Message!;

        Assert.Same(first.Source.Label, second.Source.Label);
    }

    private static byte[] Padded(string json, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return [.. bytes, .. Enumerable.Repeat((byte)' ', size - bytes.Length)];
    }
}
