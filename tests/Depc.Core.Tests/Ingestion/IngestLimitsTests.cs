using System.Text;
using System.Text.Json;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Core.Tests.Support;
using Depc.Testing.Stores;

namespace Depc.Core.Tests.Ingestion;

/// <summary>SPEC §4 bounds on names, labels and labels per team: each rejection names the limit and its setting.</summary>
public sealed class IngestLimitsTests : IAsyncDisposable
{
    private static readonly TeamName Acme = TeamName.Parse("acme");
    private readonly ScriptedStore _store = new();

    public static TheoryData<string> NameFields => MessageTemplate.Fields(MessageTemplate.NameFields);

    public static TheoryData<string> LabelFields => MessageTemplate.Fields(MessageTemplate.LabelFields);

    [Theory]
    [MemberData(nameof(NameFields))]
    public void A_name_of_the_limit_is_accepted_and_one_byte_more_rejected_naming_the_setting(string field)
    {
        var decoder = new MessageDecoder();
        var atLimit = new string('n', IngestLimits.DefaultMaxNameBytes);

        Assert.True(decoder.Decode(Bytes(field, atLimit)).IsValid);
        var rejection = decoder.Decode(Bytes(field, atLimit + "n")).Rejection!;

        Assert.Equal(field, rejection.Field);
        Assert.Equal("is 1025 bytes, longer than the limit of 1024 bytes (setting Depc:Limits:MaxNameBytes)", rejection.Rule);
    }

    [Theory]
    [MemberData(nameof(LabelFields))]
    public void A_label_over_its_limit_is_rejected_naming_the_setting(string field)
    {
        var decoder = new MessageDecoder(limits: new IngestLimits { MaxLabelLength = 4 });

        Assert.True(decoder.Decode(Bytes(field, "Abcd")).IsValid);
        var rejection = decoder.Decode(Bytes(field, "Abcde")).Rejection!;

        Assert.Equal(field, rejection.Field);
        Assert.Equal("is 5 characters, longer than the limit of 4 characters (setting Depc:Limits:MaxLabelLength)", rejection.Rule);
    }

    [Fact]
    public void A_name_given_with_escapes_is_measured_by_what_it_stands_for()
    {
        var decoder = new MessageDecoder(limits: new IngestLimits { MaxNameBytes = 3 });

        Assert.True(decoder.Decode("{\"source\": {\"label\": \"A\", \"name\": \"\\u0061bc\"}}"u8).IsValid);
        Assert.False(decoder.Decode("{\"source\": {\"label\": \"A\", \"name\": \"\\u0061bcd\"}}"u8).IsValid);
    }

    [Theory]
    [InlineData(nameof(IngestLimits.MaxNameBytes), 0)]
    [InlineData(nameof(IngestLimits.MaxLabelLength), -1)]
    [InlineData(nameof(IngestLimits.MaxLabelsPerTeam), 0)]
    [InlineData(nameof(IngestLimits.MaxPeriods), 1)]
    public void Limits_out_of_range_are_refused_naming_the_setting(string property, int value)
    {
        var limits = new IngestLimits();
        typeof(IngestLimits).GetProperty(property)!.SetValue(limits, value);

        var problem = Assert.Single(limits.Problems());
        var e = Assert.Throws<ArgumentException>(() => new MessageDecoder(limits: limits));

        Assert.StartsWith($"Depc:Limits:{property} is {value}: it must be between", problem, StringComparison.Ordinal);
        Assert.StartsWith(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_naming_labels_beyond_the_teams_limit_are_rejected_and_the_rest_written()
    {
        var pipeline = Pipeline(maxLabels: 2);

        var first = await pipeline.WriteAsync(Write(pipeline, Node("A", "a1"), Node("B", "b1"), Node("C", "c1"), Link("A", "a2", "C", "c2"), Node("A", "a3")), CancellationToken.None);
        var second = await pipeline.WriteAsync(Write(pipeline, Node("D", "d1"), Node("B", "b2")), CancellationToken.None);

        Assert.Equal((5L, 3L, 2L), (first.Report.Received, first.Report.Accepted, first.Report.Rejected));
        Assert.Equal((2L, 1L, 1L), (second.Report.Received, second.Report.Accepted, second.Report.Rejected));
        Assert.Equal(["a1", "a3", "b1", "b2"], _store.Applied);
        var reasons = first.Report.Rejections.Concat(second.Report.Rejections).Select(r => r.Reason).ToList();
        Assert.Equal(
            [
                "$.source.label 'C' would be a new label, but team acme has 2 labels already, the limit (setting Depc:Limits:MaxLabelsPerTeam)",
                "$.target.label 'C' would be a new label, but team acme has 2 labels already, the limit (setting Depc:Limits:MaxLabelsPerTeam)",
                "$.source.label 'D' would be a new label, but team acme has 2 labels already, the limit (setting Depc:Limits:MaxLabelsPerTeam)",
            ],
            reasons);
        Assert.Equal(["depc.acme/0@2", "depc.acme/0@3", "depc.acme/0@0"], first.Report.Rejections.Concat(second.Report.Rejections).Select(r => r.Origin.ToString()));
    }

    [Fact]
    public async Task A_bulk_load_keeps_the_label_limit_too()
    {
        var pipeline = Pipeline(maxLabels: 1);
        var bulk = pipeline.BeginBulk();

        await bulk.WriteAsync(Write(pipeline, Node("A", "a"), Node("B", "b")), CancellationToken.None);
        var reports = await bulk.CommitAsync(CancellationToken.None);

        Assert.Equal((1L, 1L), (Assert.Single(reports).Accepted, reports[0].Rejected));
        Assert.Equal(["a"], _store.Applied);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private static byte[] Bytes(string field, string value) => Encoding.UTF8.GetBytes(MessageTemplate.With(field, JsonSerializer.Serialize(value)));

    private IngestPipeline Pipeline(int maxLabels) =>
        new(_store, new MessageDecoder(limits: new IngestLimits { MaxLabelsPerTeam = maxLabels }), StoreRetry.Once(TimeProvider.System, new StoreHealth()));

    private static StoreWrite Write(IngestPipeline pipeline, params string[] lines) =>
        new(pipeline.Plan(Acme, [.. lines.Select((l, i) => new RawMessage(Encoding.UTF8.GetBytes(l), MessageOrigin.Kafka("depc.acme", 0, i), 1))]), 1);

    private static string Node(string label, string name) => $$$"""{"source": {"label": "{{{label}}}", "name": "{{{name}}}"}}""";

    private static string Link(string label, string name, string targetLabel, string target) =>
        $$$"""{"source": {"label": "{{{label}}}", "name": "{{{name}}}"}, "target": {"label": "{{{targetLabel}}}", "name": "{{{target}}}"}}""";
}
