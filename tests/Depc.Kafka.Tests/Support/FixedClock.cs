namespace Depc.Kafka.Tests.Support;

/// <summary>
/// Real timers and timestamps, but a fixed wall clock: "from = now" events are then the same in
/// every run, so graphs of different runs can be compared.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public FixedClock()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
