namespace Depc.Kafka.DeadLetters;

/// <summary>
/// The bytes a queue of reports may hold (dead letters handed to the producer and not yet delivered): a report is
/// taken only while it fits, otherwise refused and counted, so a flood of rejections, or a broker that does not take
/// them, costs bounded memory and never holds ingestion back. Thread-safe (released from the producer's delivery
/// thread).
/// </summary>
internal sealed class ReportBudget
{
    private readonly long _maxBytes;
    private long _held;
    private long _dropped;

    public ReportBudget(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxBytes = maxBytes;
    }

    /// <summary>Bytes taken and not yet released.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Reports refused since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Takes <paramref name="bytes"/> when they fit; otherwise counts a dropped report and answers false.</summary>
    public bool TryTake(long bytes)
    {
        var held = Interlocked.Read(ref _held);
        while (true)
        {
            if (bytes > _maxBytes - held)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _held, held + bytes, held);
            if (seen == held)
            {
                return true;
            }

            held = seen;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _held, -bytes);
}
