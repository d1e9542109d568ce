using Depc.Kafka.Consuming;
using Microsoft.Extensions.Time.Testing;

namespace Depc.Kafka.Tests.Consuming;

public sealed class BatchCutterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Cuts_at_the_message_limit_or_the_byte_limit()
    {
        var cutter = new BatchCutter(maxMessages: 3, maxBytes: 100, TimeSpan.FromMilliseconds(200), _time);
        Assert.False(cutter.IsFull(2, 99));
        Assert.True(cutter.IsFull(3, 10));
        Assert.True(cutter.IsFull(1, 100));
    }

    [Fact]
    public void Cuts_when_the_first_message_waited_the_delay_and_never_an_empty_batch()
    {
        var cutter = new BatchCutter(1000, 1 << 20, TimeSpan.FromMilliseconds(200), _time);
        var started = cutter.Now();
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.False(cutter.IsDue(5, started));
        Assert.Equal(TimeSpan.FromMilliseconds(50), cutter.TimeUntilDue(started));
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(cutter.IsDue(5, started));
        Assert.False(cutter.IsDue(0, started));
        Assert.Equal(TimeSpan.Zero, cutter.TimeUntilDue(started));
    }

    [Fact]
    public void Rejects_limits_that_would_never_cut()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchCutter(0, 1, TimeSpan.FromSeconds(1), _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchCutter(1, 1, TimeSpan.Zero, _time));
    }
}
