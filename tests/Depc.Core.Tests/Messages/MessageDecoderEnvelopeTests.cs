using Depc.Core.Messages;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

/// <summary>The <c>metadata</c> envelope some producer SDKs wrap messages in.</summary>
public sealed class MessageDecoderEnvelopeTests
{
    private static readonly GraphMessage Expected = new(new NodeSpec("A", "a", 5), new NodeSpec("B", "b"), new RelSpec(1, 2));

    [Theory]
    [InlineData("{'metadata': {'source': {'label': 'A', 'name': 'a', 'props': {'from': 5}}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {'from': 1, 'to': 2}}}")]
    [InlineData("{'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}}")]
    public void Decode_accepts_a_valid_message_in_the_envelope(string json)
    {
        Assert.Equal(Expected, QuotedJson.Valid(json));
    }

    [Theory]
    [InlineData("{'topic': 'depc.acme', 'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}, 'ts': 1.5}")]
    [InlineData("{'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}, 'headers': {'x': [1, {'y': null}]}, 'key': null}")]
    [InlineData("{'source': {'label': 'bad'}, 'source_label': 7, 'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}}")]
    [InlineData("{'source': 'x', 'source': 'y', 'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}, 'source': 3}")]
    [InlineData("{'source': {'label': 'Z', 'name': 'z'}, 'metadata': {'source_label': 'A', 'source_name': 'a', 'source_from': 5, 'target_label': 'B', 'target_name': 'b', 'rel_from': 1, 'rel_to': 2}}")]
    public void Decode_ignores_extra_keys_beside_metadata(string json)
    {
        Assert.Equal(Expected, QuotedJson.Valid(json));
    }

    [Theory]
    [InlineData("{'metadata': {'source': {'label': 'a', 'name': 'a'}}}", "$.metadata.source.label")]
    [InlineData("{'metadata': {'source_label': 'A', 'source_name': 'a b'}}", "$.metadata.source_name")]
    [InlineData("{'metadata': {'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {'to': 0}}}", "$.metadata.rel.to")]
    [InlineData("{'x': 1, 'metadata': {'source': {'label': 'A', 'name': 'a', 'props': {'from': '1'}}}}", "$.metadata.source.props.from")]
    [InlineData("{'metadata': {}}", "$.metadata")]
    [InlineData("{'metadata': {'source_label': 'A'}}", "$.metadata.source_name")]
    [InlineData("{'metadata': {'unknown': 1}}", "$.metadata.unknown")]
    public void Decode_rejects_an_invalid_message_inside_the_envelope(string json, string field)
    {
        Assert.Equal(field, QuotedJson.Rejected(json).Field);
    }

    [Theory]
    [InlineData("{'metadata': null}")]
    [InlineData("{'metadata': 'source'}")]
    [InlineData("{'metadata': 3}")]
    [InlineData("{'metadata': []}")]
    [InlineData("{'metadata': [{'source': {'label': 'A', 'name': 'a'}}]}")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'metadata': true}")]
    public void Decode_rejects_a_metadata_that_is_not_an_object(string json)
    {
        var rejection = QuotedJson.Rejected(json);

        Assert.Equal("$.metadata", rejection.Field);
        Assert.Contains("object", rejection.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_trailing_data_after_an_envelope()
    {
        Assert.Equal("$", QuotedJson.Rejected("{'metadata': {'source_label': 'A', 'source_name': 'a'}, 'k': 1} {}").Field);
    }

    [Fact]
    public void Decode_rejects_an_envelope_with_broken_json_after_the_message()
    {
        Assert.Equal("$", QuotedJson.Rejected("{'metadata': {'source_label': 'A', 'source_name': 'a'}, 'k': [1,}").Field);
    }
}
