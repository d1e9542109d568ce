using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Core.Tests.Planning;

namespace Depc.Core.Tests.Ingestion;

public sealed class IngestPipelinePlanTests
{
    private static readonly TeamName Acme = TeamName.Parse("acme");
    private readonly IngestPipeline _pipeline = new(null!, new MessageDecoder(), StoreRetry.Once(TimeProvider.System, new StoreHealth()));

    [Fact]
    public void Plan_keeps_valid_messages_in_order_with_their_origins_and_reports_the_others()
    {
        RawMessage[] batch =
        [
            Kafka("""{"source": {"label": "A", "name": "a"}}""", 1),
            Kafka("""{"source": {"label": "a", "name": "a"}}""", 2),
            Kafka("not json", 3),
            Kafka("""{"source_label": "B", "source_name": "b"}""", 4),
        ];

        var planned = _pipeline.Plan(Acme, batch);

        Assert.Equal(4, planned.Received);
        Assert.Equal(2, planned.Plan.MessageCount);
        Assert.Equal(["depc.acme/0@1", "depc.acme/0@4"], planned.Sources.Select(s => s.Origin.ToString()));
        Assert.Equal(["depc.acme/0@2", "depc.acme/0@3"], planned.Rejections.Select(r => r.Origin.ToString()));
        Assert.StartsWith("$.source.label must be a string matching", planned.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal("""{"source": {"label": "a", "name": "a"}}""", planned.Rejections[0].Payload);
        Assert.StartsWith("$ is not valid JSON", planned.Rejections[1].Reason, StringComparison.Ordinal);

        var report = planned.ToDryRunReport();
        Assert.Equal((4L, 2L, 2L, 0L), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
    }

    [Fact]
    public void A_message_without_rel_bounds_opens_its_relationship_at_its_own_now_not_the_batchs()
    {
        RawMessage[] batch =
        [
            new(Bytes("""{"source": {"label": "W", "name": "w"}, "target": {"label": "S", "name": "s"}}"""), MessageOrigin.RequestLine(1), 1_000),
            new(Bytes("""{"source": {"label": "W", "name": "v"}, "target": {"label": "S", "name": "s"}}"""), MessageOrigin.RequestLine(2), 2_000),
            new(Bytes("""{"source": {"label": "W", "name": "v"}, "target": {"label": "S", "name": "s"}, "rel": {"to": 2500}}"""), MessageOrigin.RequestLine(3), 3_000),
        ];

        var events = _pipeline.Plan(Acme, batch).Plan.Relationships.Single().Relationships.SelectMany(r => r.Events).OrderBy(e => e.MessageIndex).ToList();

        Assert.Equal([new PlannedEvent(0, 1_000, null), new PlannedEvent(1, 2_000, null), new PlannedEvent(2, null, 2_500)], events);
    }

    [Fact]
    public void Leaving_messages_out_replans_the_others_and_drops_the_rejections_of_those_left_out()
    {
        RawMessage[] batch =
        [
            Kafka("""{"source": {"label": "W", "name": "w", "props": {"from": 1}}, "target": {"label": "S", "name": "s"}}""", 10),
            Kafka("not json", 11),
            Kafka("""{"source": {"label": "W", "name": "w", "props": {"to": 9}}, "target": {"label": "S", "name": "t"}, "rel": {"from": 3}}""", 12),
            Kafka("[]", 13),
        ];
        var planned = _pipeline.Plan(Acme, batch);

        var later = planned.Without(o => o.IsKafkaBelow("depc.acme", 0, 12));

        Assert.Equal(2, later.Received);
        Assert.Equal(["depc.acme/0@13"], later.Rejections.Select(r => r.Origin.ToString()));
        Assert.Equal(PlanText.Describe(_pipeline.Plan(Acme, batch[2..]).Plan), PlanText.Describe(later.Plan));
        Assert.Same(planned.Plan, planned.Without(o => o.IsKafkaBelow("depc.acme", 1, 99)).Plan);
    }

    [Fact]
    public void Refusing_messages_turns_them_into_rejections_with_their_origin_and_payload()
    {
        RawMessage[] batch = [Kafka("""{"source": {"label": "A", "name": "a"}}""", 0), Kafka("""{"source": {"label": "A", "name": "b"}}""", 1)];
        var planned = _pipeline.Plan(Acme, batch);

        var refused = planned.Refusing(new Dictionary<int, string> { [1] = "$ was refused by the store: too big" });

        Assert.Equal(2, refused.Received);
        Assert.Equal(1, refused.Plan.MessageCount);
        var rejection = Assert.Single(refused.Rejections);
        Assert.Equal(("depc.acme/0@1", "$ was refused by the store: too big"), (rejection.Origin.ToString(), rejection.Reason));
        Assert.Contains("\"b\"", rejection.Payload, StringComparison.Ordinal);
    }

    private static RawMessage Kafka(string json, long offset) => new(Bytes(json), MessageOrigin.Kafka("depc.acme", 0, offset), 1_700_000_000);

    private static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);
}
