using System.Text;
using Confluent.Kafka;
using Depc.Core.Naming;
using Depc.Kafka.DeadLetters;
using Depc.Kafka.Tests.Support;
using Depc.Sqlite.Teams;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class RejectionTests(MockClusterFixture kafka, ITestOutputHelper output) : IDisposable
{
    private readonly TestStores _stores = new();

    [Fact]
    public async Task Mixed_stream_applies_every_valid_message_reports_every_invalid_one_and_forwards_it_to_the_dead_letter_topic()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, 2);
        var store = await _stores.OpenAsync("mixed");
        var invalid = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("{not json"),
            new byte[] { 0xff, 0xfe, 0x00, 0x7b },
            Encoding.UTF8.GetBytes("[1, 2]"),
            Encoding.UTF8.GetBytes("""{"source": {"label": "Server", "name": "x"}, "extra": 1}"""),
            Encoding.UTF8.GetBytes("""{"source": {"label": "server", "name": "x"}}"""),
            Encoding.UTF8.GetBytes("""{"source": {"label": "Server", "name": "a b"}}"""),
            Encoding.UTF8.GetBytes("""{"source": {"label": "Server", "name": "x", "props": {"from": 1.5}}}"""),
            Array.Empty<byte>(),
            Encoding.UTF8.GetBytes("{\"source\": " + new string('[', 100_000)),
            Encoding.UTF8.GetBytes("{\"source\": {\"label\": \"Server\", \"name\": \"" + new string('a', 1_200_000) + "\"}}"),
            // Valid JSON, refused by the period table (from must precede to): its nodes are still upserted.
            Encoding.UTF8.GetBytes("""{"source": {"label": "App", "name": "refused"}, "target": {"label": "Db", "name": "d"}, "rel": {"from": 20, "to": 10}}"""),
        };
        var messages = new List<(string? Key, byte[] Value)>();
        for (var i = 0; i < 100; i++)
        {
            messages.Add(("k" + i, Encoding.UTF8.GetBytes($$$"""{"source": {"label": "Server", "name": "s{{{i}}}"}}""")));
            if (i % 9 == 0 && i / 9 < invalid.Count)
            {
                messages.Add(("k" + i, invalid[i / 9]));
            }
        }

        var sink = new RecordingRejectionSink();
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output, o => o.DeadLetters = true, sink);
        var feed = new SqliteRejectionLog(new TeamTables(_stores.PathOf("mixed")), 1_000);
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, messages);
        await Eventually.TrueAsync(() => Task.FromResult(host.Counts(team).Received == messages.Count), TimeSpan.FromSeconds(30), "every message");

        var counts = host.Counts(team);
        Assert.Equal((100L, (long)invalid.Count, 0L), (counts.Accepted, counts.Rejected, counts.Duplicates));
        // The SQLite store keeps the team's feed itself, in each batch's transaction: the sink is for stores that do not.
        Assert.Empty(sink.Rejections);
        var entries = await feed.ReadAsync(team.Value, 100, default);
        Assert.Equal(invalid.Count, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal(("kafka", team.Value), (e.Source, e.Team));
            Assert.Matches(@"^depc\." + prefix + @"/[01]@\d+$", e.Origin);
            Assert.NotEmpty(e.Reason);
            Assert.True(e.Payload.Length <= 1025);
        });
        Assert.Equal(100, (await store.GetNodeNamesAsync(team, "Server", new(), default)).Count);
        Assert.NotNull(await store.GetNodeAsync(team, "App", "refused", default));

        var letters = ConsumeAll(DeadLetterPublisher.TopicOf(team.Value), invalid.Count);
        Assert.Equal(invalid.Count, letters.Count);
        Assert.All(letters, l =>
        {
            Assert.Equal(team.Topic, Header(l, DeadLetterHeaders.SourceTopic));
            Assert.NotEmpty(Header(l, DeadLetterHeaders.Reason));
            Assert.Matches(@"^\d+$", Header(l, DeadLetterHeaders.SourceOffset));
            Assert.Matches("^[01]$", Header(l, DeadLetterHeaders.SourcePartition));
        });
        Assert.Equal(
            invalid.Select(p => Convert.ToBase64String(p.AsSpan(0, Math.Min(p.Length, DeadLetterHeaders.MaxPayloadBytes)))).Order(StringComparer.Ordinal),
            letters.Select(l => Convert.ToBase64String(l.Message.Value ?? [])).Order(StringComparer.Ordinal));

        // Consumption goes on after bad input.
        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, [((string?)"late", """{"source": {"label": "Server", "name": "late"}}""")]);
        await Eventually.TrueAsync(async () => await store.GetNodeAsync(team, "Server", "late", default) is not null, TimeSpan.FromSeconds(20), "the late message");
        await host.StopAsync();
        await KafkaTestClient.WaitAllCommittedAsync(kafka.BootstrapServers, group, team.Topic, 2, TimeSpan.FromSeconds(10));
    }

    private List<ConsumeResult<Ignore, byte[]>> ConsumeAll(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<Ignore, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                {
                    results.Add(result);
                }
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // The counts commit with the batch; its dead letters are published just after: the topic may not exist yet.
            }
        }

        consumer.Close();
        return results;
    }

    private static string Header(ConsumeResult<Ignore, byte[]> result, string name) =>
        Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(name));

    public void Dispose() => _stores.Dispose();
}
