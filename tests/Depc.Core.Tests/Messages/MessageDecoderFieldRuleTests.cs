using System.Text.Json;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

/// <summary>The SPEC §3 rule table (label, name, from, to), at every place each field occurs.</summary>
public sealed class MessageDecoderFieldRuleTests
{
    public static TheoryData<string> LabelFields => MessageTemplate.Fields(MessageTemplate.LabelFields);

    public static TheoryData<string> NameFields => MessageTemplate.Fields(MessageTemplate.NameFields);

    public static TheoryData<string> FromFields => MessageTemplate.Fields(MessageTemplate.FromFields);

    public static TheoryData<string> ToFields => MessageTemplate.Fields(MessageTemplate.ToFields);

    [Theory]
    [MemberData(nameof(LabelFields))]
    public void Decode_accepts_valid_labels_in_every_label_field(string field)
    {
        foreach (var label in new[] { "A", "Z", "MyLabel", "Mylabel", "My123Label", "ABC", "AB12", "Z9z", "SERVER", new string('A', IngestLimits.DefaultMaxLabelLength) })
        {
            var message = QuotedJson.ValidRaw(MessageTemplate.With(field, JsonSerializer.Serialize(label)));
            Assert.Equal(label, ValueAt(message, field));
        }
    }

    [Theory]
    [MemberData(nameof(LabelFields))]
    public void Decode_rejects_invalid_labels_naming_the_field_and_label_rule(string field)
    {
        string[] invalid = ["\"\"", "\"myLabel\"", "\"mylabel\"", "\"1Label\"", "\"My_Label\"", "\"My-Label\"", "\"My Label\"", "\" MyLabel\"",
            "\"MyLabel \"", "\"My.Label\"", "\"My`Label\"", "\"Éa\"", "\"Mé\"", "\"A\\u0000\"", "\"A\\n\"", "1", "null", "true", "{}", "[\"A\"]"];
        foreach (var raw in invalid)
        {
            var rejection = QuotedJson.RejectedRaw(MessageTemplate.With(field, raw));
            Assert.Equal(field, rejection.Field);
            Assert.Equal(GraphNames.LabelRule, rejection.Rule);
        }
    }

    [Fact]
    public void Decode_rejects_label_starting_lowercase()
    {
        var rejection = QuotedJson.Rejected("{'source': {'label': 'myLabel', 'name': 'foo'}}");

        Assert.Equal("$.source.label", rejection.Field);
        Assert.Equal(GraphNames.LabelRule, rejection.Rule);
        Assert.Equal("$.source.label " + GraphNames.LabelRule, rejection.Reason);
    }

    [Fact]
    public void Decode_judges_every_ascii_character_in_a_label_by_the_label_rule()
    {
        for (var c = (char)0; c <= 0x7f; c++)
        {
            var tail = "A" + c;
            var head = c + "a";
            AssertLabelVerdict(tail, char.IsAsciiLetterOrDigit(c));
            AssertLabelVerdict(head, char.IsAsciiLetterUpper(c));
        }
    }

    [Theory]
    [MemberData(nameof(NameFields))]
    public void Decode_accepts_valid_names_in_every_name_field(string field)
    {
        foreach (var name in new[] { "Foo", "foo", "foo123bar", "#F$o%ob&/a-r.", "!", "~", "a", "cluster020.ovh.net", "x<y>&z+", new string('n', 1000) })
        {
            var message = QuotedJson.ValidRaw(MessageTemplate.With(field, JsonSerializer.Serialize(name)));
            Assert.Equal(name, ValueAt(message, field));
        }
    }

    [Theory]
    [MemberData(nameof(NameFields))]
    public void Decode_rejects_invalid_names_naming_the_field_and_name_rule(string field)
    {
        string[] invalid = ["\"\"", "\"foo bar\"", "\" \"", "\"foo\\\"bar\"", "\"it's\"", "\"back\\\\slash\"", "\"back`tick\"", "\"tab\\there\"",
            "\"caf\u00e9\"", "\"\\u00e9\"", "\"\u4e2d\"", "\"\\ud83d\\ude00\"", "\"\\u007f\"", "1", "null", "false", "{}", "[]"];
        foreach (var raw in invalid)
        {
            var rejection = QuotedJson.RejectedRaw(MessageTemplate.With(field, raw));
            Assert.Equal(field, rejection.Field);
            Assert.Equal(GraphNames.NameRule, rejection.Rule);
        }
    }

    [Fact]
    public void Decode_judges_every_ascii_character_in_a_name_by_the_name_rule()
    {
        for (var c = (char)0; c <= 0x7f; c++)
        {
            var allowed = c is >= '!' and <= '~' and not '"' and not '\'' and not '\\' and not '`';
            AssertNameVerdict(c.ToString(), allowed);
            AssertNameVerdict("a" + c + "b", allowed);
        }
    }

    [Theory]
    [InlineData("\u0080")]
    [InlineData("\u00a0")]
    [InlineData("\u00e9")]
    [InlineData("\u00ff")]
    [InlineData("\u0100")]
    [InlineData("\u2028")]
    [InlineData("\uff01")]
    [InlineData("\U0001F600")]
    public void Decode_rejects_non_ascii_characters_in_names_and_labels(string character)
    {
        AssertNameVerdict("a" + character, valid: false);
        AssertLabelVerdict("A" + character, valid: false);
    }

    [Theory]
    [MemberData(nameof(FromFields))]
    public void Decode_accepts_from_integers_of_zero_and_more(string field)
    {
        foreach (var (raw, value) in new[] { ("0", 0L), ("-0", 0L), ("1", 1L), ("100", 100L), ("10000", 10000L), ("1515241242", 1515241242L), ("9223372036854775807", long.MaxValue) })
        {
            var message = QuotedJson.ValidRaw(MessageTemplate.With(field, raw));
            Assert.Equal(value, ValueAt(message, field));
        }
    }

    [Theory]
    [MemberData(nameof(ToFields))]
    public void Decode_accepts_to_integers_of_one_and_more(string field)
    {
        // The template's froms are 1, so a larger 'to' keeps the message valid.
        foreach (var (raw, value) in new[] { ("1", 1L), ("100", 100L), ("10000", 10000L), ("1515244850", 1515244850L), ("9223372036854775807", long.MaxValue) })
        {
            var message = QuotedJson.ValidRaw(MessageTemplate.With(field, raw));
            Assert.Equal(value, ValueAt(message, field));
        }
    }

    [Theory]
    [MemberData(nameof(FromFields))]
    public void Decode_rejects_from_values_that_are_not_integers_of_zero_and_more(string field)
    {
        foreach (var raw in NonIntegers.Append("-1").Append("-9223372036854775808"))
        {
            var rejection = QuotedJson.RejectedRaw(MessageTemplate.With(field, raw));
            Assert.Equal(field, rejection.Field);
            Assert.Contains("integer >= 0", rejection.Rule, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ToFields))]
    public void Decode_rejects_to_values_that_are_not_integers_of_one_and_more(string field)
    {
        foreach (var raw in NonIntegers.Append("0").Append("-0").Append("-1"))
        {
            var rejection = QuotedJson.RejectedRaw(MessageTemplate.With(field, raw));
            Assert.Equal(field, rejection.Field);
            Assert.Contains("integer >= 1", rejection.Rule, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Decode_rejects_a_fractional_from_naming_the_field()
    {
        var rejection = QuotedJson.Rejected("{'source': {'label': 'A', 'name': 'a', 'props': {'from': 1.5}}}");

        Assert.Equal("$.source.props.from", rejection.Field);
    }

    private static readonly string[] NonIntegers =
        ["1.5", "\"12\"", "true", "false", "null", "1e3", "1E3", "1.0", "0.0", "100.00", "9223372036854775808", "18446744073709551616", "-9223372036854775809", "{}", "[]", "[1]", "\"\"", "{\"value\": 1}"];

    private static void AssertLabelVerdict(string label, bool valid)
    {
        foreach (var field in MessageTemplate.LabelFields)
        {
            // Escaped form (\u0000, \n, \") and, where JSON allows it, the raw character too.
            var encodings = new List<string> { JsonSerializer.Serialize(label) };
            if (label.All(c => c >= 0x20 && c != '"' && c != '\\'))
            {
                encodings.Add("\"" + label + "\"");
            }

            foreach (var json in encodings)
            {
                var result = QuotedJson.DecodeRaw(MessageTemplate.With(field, json));
                Assert.True(valid == result.IsValid, $"label {json} at {field}: expected valid={valid}, got {result.Rejection}");
                if (!valid)
                {
                    Assert.Equal(field, result.Rejection!.Field);
                    Assert.Equal(GraphNames.LabelRule, result.Rejection.Rule);
                }
            }
        }
    }

    private static void AssertNameVerdict(string name, bool valid)
    {
        foreach (var field in MessageTemplate.NameFields)
        {
            var encodings = new List<string> { JsonSerializer.Serialize(name) };
            if (name.All(c => c >= 0x20 && c != '"' && c != '\\'))
            {
                encodings.Add("\"" + name + "\"");
            }

            foreach (var json in encodings)
            {
                var result = QuotedJson.DecodeRaw(MessageTemplate.With(field, json));
                Assert.True(valid == result.IsValid, $"name {json} at {field}: expected valid={valid}, got {result.Rejection}");
                if (valid)
                {
                    Assert.Equal(name, ValueAt(result.Message!, field));
                }
                else
                {
                    Assert.Equal(field, result.Rejection!.Field);
                    Assert.Equal(GraphNames.NameRule, result.Rejection.Rule);
                }
            }
        }
    }

    private static object? ValueAt(GraphMessage message, string field) => field switch
    {
        "$.source.label" or "$.source_label" => message.Source.Label,
        "$.target.label" or "$.target_label" => message.Target!.Label,
        "$.source.name" or "$.source_name" => message.Source.Name,
        "$.target.name" or "$.target_name" => message.Target!.Name,
        "$.source.props.from" or "$.source_from" => message.Source.From,
        "$.target.props.from" or "$.target_from" => message.Target!.From,
        "$.rel.from" or "$.rel_from" => message.Rel!.From,
        "$.source.props.to" or "$.source_to" => message.Source.To,
        "$.target.props.to" or "$.target_to" => message.Target!.To,
        "$.rel.to" or "$.rel_to" => message.Rel!.To,
        _ => throw new ArgumentException(field),
    };
}
