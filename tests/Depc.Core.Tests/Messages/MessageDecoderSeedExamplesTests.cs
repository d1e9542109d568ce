using Depc.Core.Messages;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Messages;

/// <summary>Every example of the original documentation page (shared/seed).</summary>
public sealed class MessageDecoderSeedExamplesTests
{
    private const string NestedExample = """
        {
          "source": { "label": "A", "name": "foo", "props": { "from": 1515241242, "to": 1515244850 } },
          "target": { "label": "B", "name": "bar", "props": { "from": 1533636245, "to": 1533643445 } },
          "rel": { "from": 1527847440, "to": 1527854640 }
        }
        """;

    private const string FlatExample = """
        {
          "source_label": "A", "source_name": "foo", "source_from": 1515241242, "source_to": 1515244850,
          "target_label": "B", "target_name": "bar", "target_from": 1533636245, "target_to": 1533643445,
          "rel_from": 1527847440, "rel_to": 1527854640
        }
        """;

    private static readonly GraphMessage ExampleMessage = new(
        new NodeSpec("A", "foo", 1515241242, 1515244850),
        new NodeSpec("B", "bar", 1533636245, 1533643445),
        new RelSpec(1527847440, 1527854640));

    [Fact]
    public void Decode_accepts_the_nested_example()
    {
        Assert.Equal(ExampleMessage, QuotedJson.ValidRaw(NestedExample));
    }

    [Fact]
    public void Decode_accepts_the_flat_example_as_the_same_message()
    {
        Assert.Equal(ExampleMessage, QuotedJson.ValidRaw(FlatExample));
    }

    [Fact]
    public void Decode_accepts_the_smallest_nested_message()
    {
        var message = QuotedJson.ValidRaw("""{ "source": { "label": "A", "name": "foo" } }""");

        Assert.Equal(new GraphMessage(new NodeSpec("A", "foo")), message);
        Assert.Null(message.Target);
        Assert.Null(message.Rel);
    }

    [Fact]
    public void Decode_accepts_the_smallest_flat_message()
    {
        Assert.Equal(new GraphMessage(new NodeSpec("A", "foo")), QuotedJson.ValidRaw("""{ "source_label": "A", "source_name": "foo" }"""));
    }

    [Theory]
    [InlineData("ns375001.ip-xx-xxx-xx.eu")]
    [InlineData("ns375002.ip-xx-xxx-xx.eu")]
    [InlineData("ns375003.ip-xx-xxx-xx.eu")]
    public void Decode_accepts_the_python_example_message_with_each_target_name(string name)
    {
        // json.dumps of the script's dict: source + target, no rel.
        var json = $$$"""{"source": {"label": "Cluster", "name": "cluster020.ovh.net"}, "target": {"label": "Server", "name": "{{{name}}}"}}""";

        var message = QuotedJson.ValidRaw(json);

        Assert.Equal(new NodeSpec("Cluster", "cluster020.ovh.net"), message.Source);
        Assert.Equal(new NodeSpec("Server", name), message.Target);
        Assert.Null(message.Rel);
    }

    [Fact]
    public void Decode_rejects_the_python_example_template_with_its_null_target_name()
    {
        var rejection = QuotedJson.RejectedRaw("""{"source": {"label": "Cluster", "name": "cluster020.ovh.net"}, "target": {"label": "Server", "name": null}}""");

        Assert.Equal("$.target.name", rejection.Field);
    }

    [Theory]
    [InlineData("MyLabel")]
    [InlineData("Mylabel")]
    [InlineData("My123Label")]
    public void Decode_accepts_the_seed_label_examples(string label)
    {
        Assert.Equal(label, QuotedJson.Valid($"{{'source': {{'label': '{label}', 'name': 'foo'}}}}").Source.Label);
        Assert.Equal(label, QuotedJson.Valid($"{{'source_label': '{label}', 'source_name': 'foo'}}").Source.Label);
    }

    [Theory]
    [InlineData("Foo")]
    [InlineData("foo")]
    [InlineData("foo123bar")]
    [InlineData("#F$o%ob&/a-r.")]
    public void Decode_accepts_the_seed_name_examples(string name)
    {
        Assert.Equal(name, QuotedJson.Valid($"{{'source': {{'label': 'A', 'name': '{name}'}}}}").Source.Name);
        Assert.Equal(name, QuotedJson.Valid($"{{'source_label': 'A', 'source_name': '{name}'}}").Source.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(10000)]
    public void Decode_accepts_the_seed_from_examples_everywhere(long from)
    {
        var nested = QuotedJson.Valid($"{{'source': {{'label': 'A', 'name': 'a', 'props': {{'from': {from}}}}}, 'target': {{'label': 'B', 'name': 'b', 'props': {{'from': {from}}}}}, 'rel': {{'from': {from}}}}}");
        var flat = QuotedJson.Valid($"{{'source_label': 'A', 'source_name': 'a', 'source_from': {from}, 'target_label': 'B', 'target_name': 'b', 'target_from': {from}, 'rel_from': {from}}}");

        var expected = new GraphMessage(new NodeSpec("A", "a", from), new NodeSpec("B", "b", from), new RelSpec(from, null));
        Assert.Equal(expected, nested);
        Assert.Equal(expected, flat);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(10000)]
    public void Decode_accepts_the_seed_to_examples_everywhere(long to)
    {
        var nested = QuotedJson.Valid($"{{'source': {{'label': 'A', 'name': 'a', 'props': {{'to': {to}}}}}, 'target': {{'label': 'B', 'name': 'b', 'props': {{'to': {to}}}}}, 'rel': {{'to': {to}}}}}");
        var flat = QuotedJson.Valid($"{{'source_label': 'A', 'source_name': 'a', 'source_to': {to}, 'target_label': 'B', 'target_name': 'b', 'target_to': {to}, 'rel_to': {to}}}");

        var expected = new GraphMessage(new NodeSpec("A", "a", null, to), new NodeSpec("B", "b", null, to), new RelSpec(null, to));
        Assert.Equal(expected, nested);
        Assert.Equal(expected, flat);
    }
}
