using Depc.Core.Messages;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

/// <summary>Which keys a message may have, which it must have, and how the two forms combine.</summary>
public sealed class MessageDecoderStructureTests
{
    [Theory]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'extra': 1}", "$.extra")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'color': 'red'}}", "$.source.color")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {'from': 1, 'since': 2}}}", "$.source.props.since")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b', 'x': null}}", "$.target.x")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b', 'props': {'weight': 3}}}", "$.target.props.weight")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {'from': 1, 'type': 'X'}}", "$.rel.type")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'source_props': {}}", "$.source_props")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'Source_label': 'B'}", "$.Source_label")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'Label': 'B'}}", "$.source.Label")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'metadata': {'source': {'label': 'A', 'name': 'a'}, 'extra': 1}}", "$.metadata.extra")]
    [InlineData("{'metadata': {'source': {'label': 'A', 'name': 'a', 'props': {'fro': 1}}}}", "$.metadata.source.props.fro")]
    public void Decode_rejects_unknown_keys_at_every_level(string json, string field)
    {
        var rejection = QuotedJson.Rejected(json);

        Assert.Equal(field, rejection.Field);
        Assert.Contains("not an allowed key", rejection.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_metadata_inside_the_enveloped_message()
    {
        var rejection = QuotedJson.Rejected("{'metadata': {'source': {'label': 'A', 'name': 'a'}, 'metadata': {}}}");

        Assert.Equal("$.metadata.metadata", rejection.Field);
    }

    [Theory]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'source': {'label': 'A', 'name': 'a'}}", "$.source")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'target': {'label': 'B', 'name': 'c'}}", "$.target")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {}, 'rel': {}}", "$.rel")]
    [InlineData("{'source': {'label': 'A', 'label': 'B', 'name': 'a'}}", "$.source.label")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'name': 'b'}}", "$.source.name")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {}, 'props': {}}}", "$.source.props")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {'from': 1, 'from': 2}}}", "$.source.props.from")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': {'to': 1, 'to': 2}}}", "$.source.props.to")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {'to': 5, 'to': 5}}", "$.rel.to")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'source_label': 'A'}", "$.source_label")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'source_name': 'b'}", "$.source_name")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'source_from': 1, 'source_from': 1}", "$.source_from")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'target_label': 'B', 'target_name': 'b', 'rel_to': 2, 'rel_to': 3}", "$.rel_to")]
    [InlineData("{'metadata': {'source_label': 'A', 'source_name': 'a', 'source_name': 'a'}}", "$.metadata.source_name")]
    public void Decode_rejects_duplicate_keys(string json, string field)
    {
        var rejection = QuotedJson.Rejected(json);

        Assert.Equal(field, rejection.Field);
        Assert.Equal("appears twice", rejection.Rule);
    }

    [Fact]
    public void Decode_accepts_target_without_rel()
    {
        var message = QuotedJson.Valid("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}}");

        Assert.Equal(new NodeSpec("B", "b"), message.Target);
        Assert.Null(message.Rel);
    }

    [Fact]
    public void Decode_accepts_flat_target_without_rel()
    {
        var message = QuotedJson.Valid("{'source_label': 'A', 'source_name': 'a', 'target_label': 'B', 'target_name': 'b'}");

        Assert.Equal(new GraphMessage(new NodeSpec("A", "a"), new NodeSpec("B", "b")), message);
    }

    [Fact]
    public void Decode_keeps_an_empty_rel_object_as_an_event_without_bounds()
    {
        var message = QuotedJson.Valid("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': {}}");

        Assert.Equal(new RelSpec(null, null), message.Rel);
    }

    [Fact]
    public void Decode_accepts_an_empty_props_object_as_no_bounds()
    {
        Assert.Equal(new NodeSpec("A", "a"), QuotedJson.Valid("{'source': {'label': 'A', 'name': 'a', 'props': {}}}").Source);
    }

    [Theory]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'rel': {'from': 1, 'to': 2}}")]
    [InlineData("{'rel': {'from': 1}, 'source': {'label': 'A', 'name': 'a'}}")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'rel_from': 1, 'rel_to': 2}")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'rel_to': 2}")]
    public void Decode_accepts_rel_without_target_and_drops_it(string json)
    {
        Assert.Equal(new GraphMessage(new NodeSpec("A", "a")), QuotedJson.Valid(json));
    }

    [Fact]
    public void Decode_still_validates_a_rel_without_target()
    {
        Assert.Equal("$.rel.from", QuotedJson.Rejected("{'source': {'label': 'A', 'name': 'a'}, 'rel': {'from': -1}}").Field);
        Assert.Equal("$.rel_to", QuotedJson.Rejected("{'source_label': 'A', 'source_name': 'a', 'rel_to': 0}").Field);
    }

    [Fact]
    public void Decode_rejects_flat_target_label_without_target_name()
    {
        var rejection = QuotedJson.Rejected("{'source_label': 'A', 'source_name': 'a', 'target_label': 'B'}");

        Assert.Equal("$.target_name", rejection.Field);
        Assert.Contains("required", rejection.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_rejects_flat_target_name_without_target_label()
    {
        var rejection = QuotedJson.Rejected("{'source_label': 'A', 'source_name': 'a', 'target_name': 'b', 'rel_from': 3}");

        Assert.Equal("$.target_label", rejection.Field);
        Assert.Contains("required", rejection.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'target_from': 1}", "$.target_from")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'target_to': 1}", "$.target_to")]
    public void Decode_rejects_flat_target_bounds_without_a_target(string json, string field)
    {
        Assert.Equal(field, QuotedJson.Rejected(json).Field);
    }

    [Theory]
    [InlineData("{'source_name': 'a'}", "$.source_label")]
    [InlineData("{'source_label': 'A'}", "$.source_name")]
    [InlineData("{'source_label': 'A', 'target_label': 'B', 'target_name': 'b'}", "$.source_name")]
    [InlineData("{'target_label': 'B', 'target_name': 'b'}", "$.source_label")]
    [InlineData("{'rel_from': 1}", "$.source_label")]
    [InlineData("{'source': {'name': 'a'}}", "$.source.label")]
    [InlineData("{'source': {'label': 'A'}}", "$.source.name")]
    [InlineData("{'source': {}}", "$.source.label")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B'}}", "$.target.name")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'name': 'b'}}", "$.target.label")]
    [InlineData("{'target': {'label': 'B', 'name': 'b'}}", "$.target")]
    [InlineData("{'rel': {'from': 1}}", "$.rel")]
    [InlineData("{}", "$")]
    public void Decode_rejects_missing_required_keys(string json, string field)
    {
        Assert.Equal(field, QuotedJson.Rejected(json).Field);
    }

    [Theory]
    [InlineData("{'source': null}", "$.source")]
    [InlineData("{'source': 'A:a'}", "$.source")]
    [InlineData("{'source': [{'label': 'A', 'name': 'a'}]}", "$.source")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': null}", "$.target")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': null}", "$.rel")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'B', 'name': 'b'}, 'rel': [1, 2]}", "$.rel")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': null}}", "$.source.props")]
    [InlineData("{'source': {'label': 'A', 'name': 'a', 'props': 5}}", "$.source.props")]
    public void Decode_rejects_parts_that_are_not_objects(string json, string field)
    {
        Assert.Equal(field, QuotedJson.Rejected(json).Field);
    }

    [Theory]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'source_label': 'A'}", "$.source_label")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'source': {'label': 'A', 'name': 'a'}}", "$.source_label")]
    [InlineData("{'source': {'label': 'A', 'name': 'a'}, 'rel_from': 1}", "$.rel_from")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'target': {'label': 'B', 'name': 'b'}}", "$.target")]
    [InlineData("{'source_label': 'A', 'source_name': 'a', 'rel': {'from': 1}}", "$.rel")]
    public void Decode_rejects_a_mix_of_nested_and_flat_keys(string json, string field)
    {
        Assert.Equal(field, QuotedJson.Rejected(json).Field);
    }

    [Fact]
    public void Decode_accepts_keys_in_any_order()
    {
        var nested = QuotedJson.Valid("{'rel': {'to': 9, 'from': 3}, 'target': {'props': {'to': 8}, 'name': 'b', 'label': 'B'}, 'source': {'name': 'a', 'label': 'A'}}");
        var flat = QuotedJson.Valid("{'rel_to': 9, 'target_name': 'b', 'rel_from': 3, 'source_name': 'a', 'target_to': 8, 'target_label': 'B', 'source_label': 'A'}");

        var expected = new GraphMessage(new NodeSpec("A", "a"), new NodeSpec("B", "b", null, 8), new RelSpec(3, 9));
        Assert.Equal(expected, nested);
        Assert.Equal(expected, flat);
    }

    [Fact]
    public void Decode_accepts_a_source_that_is_its_own_target()
    {
        var message = QuotedJson.Valid("{'source': {'label': 'A', 'name': 'a'}, 'target': {'label': 'A', 'name': 'a'}}");

        Assert.Equal(message.Source, message.Target);
    }

    [Fact]
    public void Decode_reports_the_first_error_in_document_order()
    {
        var rejection = QuotedJson.Rejected("{'source': {'label': 'a', 'name': ' '}, 'target': {'label': 'b', 'name': 'b'}}");

        Assert.Equal("$.source.label", rejection.Field);
    }
}
