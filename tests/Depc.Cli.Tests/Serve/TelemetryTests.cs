using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Depc.Cli.Tests.Support;
using Depc.Testing.Kafka;
using Depc.Testing.Processes;
using Depc.Testing.Telemetry;

namespace Depc.Cli.Tests.Serve;

/// <summary>The real <c>depc serve</c>: OTLP export to an in-test receiver when the standard variables name it, and JSON logs.</summary>
public sealed class TelemetryTests : IDisposable
{
    private const string Team = "otel";
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_spans_of_kafka_batches_store_writes_http_ingest_and_queries_and_metrics_are_exported()
    {
        using var kafka = new MockKafkaCluster();
        kafka.CreateTopic("depc." + Team, 2);
        using var receiver = new OtlpReceiver();
        var token = JsonNode.Parse((await DepcCommand.RunAsync(_sandbox.Folder, ["team", "create", Team, "--store", _sandbox.Store])).OutputOfSuccess())!["token"]!.GetValue<string>();
        await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(_sandbox.Folder, ["--store", _sandbox.Store, "--kafka-bootstrap", kafka.BootstrapServers])
        {
            Environment = new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            },
        });

        Produce(kafka, partition: 1, count: 5);
        using var client = server.Client(token);
        using var body = new StringContent(Link("web", "api") + "\n" + Link("api", "db") + "\n" + Link("api", "cache") + "\n", Encoding.UTF8, "application/x-ndjson");
        (await client.PostAsync($"/v1/teams/{Team}/messages", body)).EnsureSuccessStatusCode();
        (await client.GetAsync($"/v1/teams/{Team}/labels")).EnsureSuccessStatusCode();

        // The query span ends before the request span around it, which may reach the receiver in a later export.
        await receiver.WaitUntilAsync(
            r => r.Spans is var received
                && received.Any(s => s.Name == "depc.kafka.batch")
                && received.Any(q => q.Name == "depc.query" && received.Any(s => s.SpanId == q.ParentSpanId))
                && r.Points.Any(p => p.Metric == "depc.messages" && p["team"] == Team && p["outcome"] == "accepted" && p.Value >= 8),
            TimeSpan.FromSeconds(90),
            "the Kafka batch span, the query span and the request span around it, and 8 accepted messages");

        var spans = receiver.Spans;
        var batch = spans.First(s => s.Name == "depc.kafka.batch");
        Assert.Equal(("Depc", Team, "kafka", "depc." + Team, "1"), (batch.Scope, batch["depc.team"], batch["messaging.system"], batch["messaging.destination.name"], batch["messaging.destination.partition.id"]));
        Assert.Equal(("5", "5", "0"), (batch["messaging.batch.message_count"], batch["depc.accepted"], batch["depc.rejected"]));
        var ingest = Assert.Single(spans, s => s.Name == "depc.http.ingest");
        Assert.Equal((Team, "3", "3", "false"), (ingest["depc.team"], ingest["depc.messages"], ingest["depc.accepted"], ingest["depc.dry_run"]));
        Assert.NotEqual("", ingest.ParentSpanId);
        var writes = spans.Where(s => s.Name == "depc.store.write").ToList();
        Assert.Contains(writes, w => w.ParentSpanId == ingest.SpanId && w["depc.messages"] == "3" && w["depc.nodes"] == "4");
        Assert.Contains(writes, w => w.ParentSpanId == batch.SpanId && w["depc.messages"] == "5");
        var query = spans.First(s => s.Name == "depc.query");
        Assert.Equal(("/v1/teams/{team}/labels", Team), (query["depc.query"], query["depc.team"]));
        Assert.Contains(spans, s => s.Scope == "Microsoft.AspNetCore" && s.SpanId == query.ParentSpanId);
    }

    [Fact]
    public async Task Log_format_json_writes_one_json_object_per_line_with_the_event_id_and_its_fields()
    {
        await using var server = await DepcServeProcess.StartAsync(new DepcServeProcessOptions(_sandbox.Folder, ["--store", _sandbox.Store, "--log-format", "json"]));
        await server.StopAsync();

        var lines = server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonNode.Parse(l)!).ToList();
        var opened = Assert.Single(entries, e => e["EventId"]!.GetValue<int>() == 5030);
        Assert.Equal("Depc.Server.Operations.StoreInitializer", opened["Category"]!.GetValue<string>());
        Assert.Equal(_sandbox.Store, opened["State"]!["Store"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", opened["Timestamp"]!.GetValue<string>());
        Assert.Contains(entries, e => e["EventId"]!.GetValue<int>() == 5500 && e["State"]!["Command"]!.GetValue<string>().Contains("team create my-team", StringComparison.Ordinal));
    }

    private static string Link(string source, string target) =>
        $$"""{"source":{"label":"Service","name":"{{source}}"},"target":{"label":"Service","name":"{{target}}"},"rel":{"from":100""" + "}}";

    // One produce request: the messages reach the broker together, so the consumer cuts them into one batch however
    // slow the machine (one at a time, the fourth came more than the batch delay after the first under CI load).
    private static void Produce(MockKafkaCluster kafka, int partition, int count)
    {
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, LingerMs = 1000 }).Build();
        for (var i = 0; i < count; i++)
        {
            producer.Produce(new TopicPartition("depc." + Team, partition), new Message<Null, string> { Value = Link("k" + i, "kafka-target") });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }
}
