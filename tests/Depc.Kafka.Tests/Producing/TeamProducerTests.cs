using System.Text;
using Confluent.Kafka;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;
using Depc.Kafka.Producing;
using Depc.Kafka.Tests.Support;

namespace Depc.Kafka.Tests.Producing;

[Collection(KafkaTests.Name)]
public sealed class TeamProducerTests(MockClusterFixture kafka)
{
    [Theory]
    [InlineData(PushFormat.Nested)]
    [InlineData(PushFormat.Flat)]
    public void Rewritten_messages_decode_to_the_same_message(PushFormat format)
    {
        var decoder = new MessageDecoder();
        var message = new GraphMessage(new NodeSpec("Cluster", "c1", 5, null), new NodeSpec("Server", "s#1", null, 9), new RelSpec(10, null));
        var decoded = decoder.Decode(MessageEncoder.Encode(message, format));
        Assert.Equal(message, decoded.Message);
        Assert.Equal(format == PushFormat.Nested, Encoding.UTF8.GetString(MessageEncoder.Encode(message, format)).Contains("\"source\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sends_to_the_team_topic_keyed_by_source_node()
    {
        var team = TeamName.Parse(TestNames.Prefix());
        kafka.Cluster.CreateTopic(team.Topic, 2);
        var message = new GraphMessage(new NodeSpec("Server", "s1"));
        using (var producer = new TeamProducer(new KafkaOptions { BootstrapServers = kafka.BootstrapServers }))
        {
            producer.Send(team, message, """{"source_label": "Server", "source_name": "s1"}"""u8, PushFormat.AsIs);
            producer.Send(team, message, [], PushFormat.Nested);
            await producer.FlushAsync(CancellationToken.None);
            Assert.Equal((2L, 0L), (producer.Delivered, producer.Failed));
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "read-" + team.Value,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(team.Topic);
        var received = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (received.Count < 2 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(200) is { } r)
            {
                received.Add(r);
            }
        }

        consumer.Close();
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal("Server:s1", r.Message.Key));
        Assert.Single(received.Select(r => r.Partition.Value).Distinct());
        Assert.Equal("""{"source_label": "Server", "source_name": "s1"}""", received[0].Message.Value);
        Assert.Equal("""{"source":{"label":"Server","name":"s1"}}""", received[1].Message.Value);
    }
}
