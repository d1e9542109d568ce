using System.Text.Json;
using Depc.Core.Ingestion;

namespace Depc.Core.Tests.Ingestion;

public sealed class MessageOriginTests
{
    [Fact]
    public void Each_input_prints_its_origin_its_own_way_and_names_its_path()
    {
        Assert.Equal(("depc.acme/2@1234", "kafka"), Text(MessageOrigin.Kafka("depc.acme", 2, 1234)));
        Assert.Equal(("/data/in.ndjson:12", "file"), Text(MessageOrigin.FileLine("/data/in.ndjson", 12)));
        Assert.Equal(("line 3", "http"), Text(MessageOrigin.RequestLine(3)));
        Assert.Equal(("item 4", "http"), Text(MessageOrigin.RequestItem(4)));
        Assert.Equal(("message 0", "batch"), Text(MessageOrigin.InBatch(0)));
    }

    [Fact]
    public void An_origin_stays_values_until_printed_and_is_printed_as_its_text_in_json()
    {
        var origin = MessageOrigin.Kafka("depc.acme", 2, 1234);

        Assert.Equal(("depc.acme", 2, 1234L), (origin.Name, origin.Partition, origin.Position));
        Assert.Equal("\"depc.acme/2@1234\"", JsonSerializer.Serialize(origin));
        Assert.True(origin.IsKafkaBelow("depc.acme", 2, 1235));
        Assert.False(origin.IsKafkaBelow("depc.acme", 2, 1234));
        Assert.False(origin.IsKafkaBelow("depc.acme", 1, 9999));
        Assert.False(origin.IsKafkaBelow("depc.other", 2, 9999));
        Assert.False(MessageOrigin.FileLine("depc.acme", 1).IsKafkaBelow("depc.acme", 0, 9));
    }

    private static (string, string) Text(MessageOrigin origin) => (origin.ToString(), origin.Source);
}
