using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;

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

    private static RawMessage Raw(string json, string origin) => new(Encoding.UTF8.GetBytes(json), origin);
}
