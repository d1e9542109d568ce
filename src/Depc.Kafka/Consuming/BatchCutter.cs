namespace Depc.Kafka.Consuming;

/// <summary>
/// Decides when a partition's micro-batch is cut: at <c>maxMessages</c>, at <c>maxBytes</c>, or when
/// its first message has waited <c>maxDelay</c>. Pure: time only through the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class BatchCutter
{
    private readonly int _maxMessages;
    private readonly long _maxBytes;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;

    public BatchCutter(int maxMessages, long maxBytes, TimeSpan maxDelay, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDelay, TimeSpan.Zero);
        _maxMessages = maxMessages;
        _maxBytes = maxBytes;
        _maxDelay = maxDelay;
        _time = time;
    }

    /// <summary>A timestamp to remember when a batch gets its first message.</summary>
    public long Now() => _time.GetTimestamp();

    /// <summary>Full by size: cut right after adding the message that filled it.</summary>
    public bool IsFull(int messages, long bytes) => messages >= _maxMessages || bytes >= _maxBytes;

    /// <summary>Due by time: the first message (added at <paramref name="startedAt"/>) waited long enough.</summary>
    public bool IsDue(int messages, long startedAt) => messages > 0 && _time.GetElapsedTime(startedAt) >= _maxDelay;

    /// <summary>How long until a batch started at <paramref name="startedAt"/> is due (zero when already due).</summary>
    public TimeSpan TimeUntilDue(long startedAt)
    {
        var left = _maxDelay - _time.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
