namespace Depc.Kafka.Consuming;

/// <summary>
/// Every flow decision of the consume thread, pure (time only through the <see cref="TimeProvider"/>), in the spirit
/// of Serilog's <c>FailureAwareBatchScheduler</c>: when a partition's batch is cut (full by messages or bytes, or due
/// because its first message waited <c>maxDelay</c> while the writer waits for work), how long a poll may block, and
/// what to do when <c>maxWaiting</c> cut batches wait for the writer: first block the consume thread a little
/// (<see cref="BlockBeforePause"/>: the writer usually takes a whole merge at once, and librdkafka keeps fetching
/// meanwhile), then pause consumption (a stalled writer, a store that is away: memory stays bounded and nothing more is
/// read), and resume once half of them are written (no pause/resume churn: a pause drops what was fetched).
/// </summary>
internal sealed class FlowControl
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>How long the consume thread blocks on a full queue before it pauses consumption.</summary>
    public static readonly TimeSpan BlockBeforePause = TimeSpan.FromSeconds(1);

    private readonly int _maxMessages;
    private readonly long _maxBytes;
    private readonly TimeSpan _maxDelay;
    private readonly int _maxWaiting;
    private readonly TimeProvider _time;

    public FlowControl(int maxMessages, long maxBytes, TimeSpan maxDelay, int maxWaiting, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWaiting);
        (_maxMessages, _maxBytes, _maxDelay, _maxWaiting, _time) = (maxMessages, maxBytes, maxDelay, maxWaiting, time);
    }

    /// <summary>A timestamp, to remember when a batch gets its first message.</summary>
    public long Now() => _time.GetTimestamp();

    /// <summary>Full: cut right after adding the message that filled it.</summary>
    public bool IsFull(int messages, long bytes) => messages >= _maxMessages || bytes >= _maxBytes;

    /// <summary>
    /// Due: its first message (at <paramref name="startedAt"/>) waited long enough and no batch of its own team is queued
    /// (<paramref name="teamWaiting"/>). While its team's batches still wait for the writer a batch may as well keep
    /// growing: fewer, larger transactions. Another team's queue does not hold it back: a team with a large backlog
    /// keeps the queue busy all along, and a quiet team's few messages would otherwise wait for the whole backlog.
    /// </summary>
    public bool IsDue(int messages, long startedAt, int teamWaiting) => messages > 0 && teamWaiting == 0 && _time.GetElapsedTime(startedAt) >= _maxDelay;

    /// <summary>How long the next poll may block: until the oldest uncut batch is due, at most the idle poll.</summary>
    public TimeSpan PollTimeout(long? oldestStart, int waiting)
    {
        if (oldestStart is not { } oldest)
        {
            return IdlePoll;
        }

        var left = _maxDelay - _time.GetElapsedTime(oldest);
        if (left > TimeSpan.Zero)
        {
            return left < IdlePoll ? left : IdlePoll;
        }

        // Due, but held back while the writer has work queued: wait a little instead of spinning.
        return waiting > 0 ? BusyPoll : TimeSpan.Zero;
    }

    /// <summary>The most cut batches that may wait for the writer; at this many, the consume thread blocks, then pauses.</summary>
    public int MaxWaiting => _maxWaiting;

    public bool IsFull(int waiting) => waiting >= _maxWaiting;

    public bool ShouldResume(int waiting) => waiting <= _maxWaiting / 2;

    /// <summary>
    /// With the queue full: pause one team's partitions when it holds half of the waiting batches and other teams have
    /// partitions assigned (their messages may be fetched behind its backlog).
    /// </summary>
    public bool ShouldPauseTeam(int teamWaiting, bool othersAssigned) => othersAssigned && teamWaiting * 2 >= _maxWaiting;

    /// <summary>
    /// A paused team resumes once none of its batches waits: the writer takes them all at once into its next write, so
    /// the team still has a write or two in hand while its partitions are fetched again, and the pause lasts long
    /// enough for the other teams' messages to be fetched and cut.
    /// </summary>
    public static bool ShouldResumeTeam(int teamWaiting) => teamWaiting == 0;
}
