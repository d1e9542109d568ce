using Depc.Kafka.Consuming;

namespace Depc.Kafka.Tests.Consuming;

public sealed class KafkaOriginTests
{
    [Theory]
    [InlineData("depc.acme", 0, 0L)]
    [InlineData("depc.a-b", 31, 9_876_543_210L)]
    public void Reads_back_what_it_wrote(string topic, int partition, long offset)
    {
        Assert.True(KafkaOrigin.TryParse(KafkaOrigin.Format(topic, partition, offset), out var t, out var p, out var o));
        Assert.Equal((topic, partition, offset), (t, p, o));
    }

    [Theory]
    [InlineData("line 3")]
    [InlineData("depc.acme/2")]
    [InlineData("depc.acme@4")]
    [InlineData("depc.acme/x@4")]
    [InlineData("/2@4")]
    public void Refuses_what_it_did_not_write(string origin) => Assert.False(KafkaOrigin.TryParse(origin, out _, out _, out _));
}
