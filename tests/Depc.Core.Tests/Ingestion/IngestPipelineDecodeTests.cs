using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;

namespace Depc.Core.Tests.Ingestion;

public sealed class IngestPipelineDecodeTests
{
    [Fact]
    public void Decode_keeps_valid_messages_in_order_with_their_origins_and_reports_the_others()
    {
        var pipeline = new IngestPipeline(null!, new MessageDecoder(), TimeProvider.System);
        RawMessage[] batch =
        [
            Raw("""{"source": {"label": "A", "name": "a"}}""", "depc.acme/0@1"),
            Raw("""{"source": {"label": "a", "name": "a"}}""", "depc.acme/0@2"),
            Raw("not json", "depc.acme/0@3"),
            Raw("""{"source_label": "B", "source_name": "b"}""", "depc.acme/0@4"),
        ];

        var decoded = pipeline.Decode(TeamName.Parse("acme"), batch);

        Assert.Equal(4, decoded.Received);
        Assert.Equal(["a", "b"], decoded.Messages.Select(m => m.Source.Name));
        Assert.Equal(["depc.acme/0@1", "depc.acme/0@4"], decoded.Sources.Select(s => s.Origin));
        Assert.Equal(["depc.acme/0@2", "depc.acme/0@3"], decoded.Rejections.Select(r => r.Origin));
        Assert.StartsWith("$.source.label must be a string matching", decoded.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal("""{"source": {"label": "a", "name": "a"}}""", decoded.Rejections[0].Payload);
        Assert.StartsWith("$ is not valid JSON", decoded.Rejections[1].Reason, StringComparison.Ordinal);

        var report = decoded.ToDryRunReport();
        Assert.Equal((4L, 2L, 2L, 0L), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        Assert.Equal(report.Received, report.Accepted + report.Rejected + report.Duplicates);
    }

    [Fact]
    public void DecodeAndPlan_gives_the_plan_of_Decode_then_Plan()
    {
        var pipeline = new IngestPipeline(null!, new MessageDecoder(), new FixedTime());
        RawMessage[] batch =
        [
            Raw("""{"source_label": "W", "source_name": "w", "target_label": "S", "target_name": "s"}""", "@1"),
            Raw("not json", "@2"),
            Raw("""{"source": {"label": "S", "name": "s", "props": {"from": 5}}}""", "@3"),
            Raw("""{"source": {"label": "W", "name": "w"}, "target": {"label": "S", "name": "s"}, "rel": {"to": 9}}""", "@4"),
            Raw("""{"source_label": "W", "source_name": "v", "target_label": "S", "target_name": "s", "rel_from": 3}""", "@5"),
        ];
        var team = TeamName.Parse("acme");

        var expected = pipeline.Plan(pipeline.Decode(team, batch));
        var planned = pipeline.DecodeAndPlan(team, batch);

        Assert.Equal((expected.Received, expected.Plan.MessageCount), (planned.Received, planned.Plan.MessageCount));
        Assert.Equal(expected.Sources.Select(s => s.Origin), planned.Sources.Select(s => s.Origin));
        Assert.Equal(expected.Rejections, planned.Rejections);
        Assert.Equal(Describe(expected.Plan), Describe(planned.Plan));
    }

    private static string[] Describe(BatchPlan plan) =>
    [
        .. plan.Nodes.SelectMany(g => g.Nodes.Select(n => $"{g.Label} {n}")),
        .. plan.Relationships.SelectMany(g => g.Relationships.Select(r =>
            $"{g.SourceLabel}->{g.TargetLabel} {r.SourceName}@{r.SourceAt}->{r.TargetName}@{r.TargetAt} {string.Join(' ', r.Events)}")),
    ];

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    }

    private static RawMessage Raw(string json, string origin) => new(Encoding.UTF8.GetBytes(json), origin);
}
