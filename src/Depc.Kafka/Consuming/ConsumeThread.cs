using Confluent.Kafka;
using Depc.Core.Ingestion;
using Depc.Kafka.Configuration;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The consume thread: polls Kafka, keeps each assigned partition's messages in order in its buffer (each message with
/// its structured origin and its own "now", the record's timestamp), cuts the buffers into batches and hands them to
/// the write stage (<see cref="WaitingBatches"/>), pausing and resuming as <see cref="FlowControl"/> decides. On
/// assignment it starts each partition at its stored position (<see cref="PositionTracker"/>). Nothing here decodes
/// or writes.
/// </summary>
internal sealed partial class ConsumeThread : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly FlowControl _flow;
    private readonly WaitingBatches _waiting;
    private readonly PositionTracker _positions;
    private readonly ConsumerLagTracker _lag;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _hardStop;
    private IConsumer<Ignore, byte[]>? _consumer;
    private bool _paused;

    // Reused by each CutDue pass (consume thread only).
    private readonly Dictionary<Core.Naming.TeamName, int> _teamWaiting = [];
    private long _lastPoll;
    private long _lastDueCheck;
    private long _lastLagUpdate;

    /// <summary>
    /// When the oldest uncut message was buffered, null when none is: the poll timeout is read from it instead of from
    /// every partition's buffer. A cut may leave it earlier than the truth until the next <see cref="CutDue"/>
    /// recomputes it; that only shortens one poll.
    /// </summary>
    private long? _oldestStart;

    public ConsumeThread(KafkaOptions options, WaitingBatches waiting, PositionTracker positions, ConsumerLagTracker lag, TimeProvider time, ILogger logger, CancellationToken hardStop)
    {
        (_options, _waiting, _positions, _lag, _time, _logger, _hardStop) = (options, waiting, positions, lag, time, logger, hardStop);
        _flow = new FlowControl(options.MaxBatchMessages, options.MaxBatchBytes, options.MaxBatchDelay, options.MaxPendingBatches, time);
    }

    /// <summary>When the thread last came back from polling Kafka (a <see cref="TimeProvider"/> timestamp), 0 before.</summary>
    public long LastPoll => Interlocked.Read(ref _lastPoll);

    /// <summary>
    /// Runs until <paramref name="stopping"/> (graceful: the batches in hand are written within ShutdownTimeout,
    /// Kafka offsets committed, the group left) or the hard stop (nothing more is written or committed, like a kill).
    /// </summary>
    public void Run(CancellationToken stopping)
    {
        var consumer = Build();
        _consumer = consumer;
        _positions.Attach(consumer);
        try
        {
            Log.ConsumerStarting(_logger, _options.TopicPattern, _options.BootstrapServers, _options.GroupId);
            consumer.Subscribe(_options.TopicPattern);
            while (!stopping.IsCancellationRequested && !_hardStop.IsCancellationRequested)
            {
                PollOnce(consumer);
            }

            if (!_hardStop.IsCancellationRequested)
            {
                FlushAndWait([.. _positions.All], _options.ShutdownTimeout);
                Commit(consumer);
                consumer.Close();
                Log.ConsumerStopped(_logger);
            }
        }
        finally
        {
            _waiting.Complete();
        }
    }

    /// <summary>Disposes the client without closing it (no final commit): called once the write stage stopped.</summary>
    public void Dispose()
    {
        _consumer?.Dispose();
        _positions.DisposeAll();
    }

    private void PollOnce(IConsumer<Ignore, byte[]> consumer)
    {
        ResumeIfDrained(consumer);
        ConsumeResult<Ignore, byte[]>? result = null;
        try
        {
            result = consumer.Consume(_flow.PollTimeout(_oldestStart, _waiting.Count));
        }
        catch (ConsumeException e)
        {
            Log.ConsumeFailed(_logger, e.ConsumerRecord?.Topic, e.ConsumerRecord?.Partition.Value ?? -1, e.ConsumerRecord?.Offset.Value ?? -1, e.Error.Reason);
            if (e.Error.IsFatal)
            {
                Log.FatalError(_logger, e.Error.Reason);
                throw;
            }
        }

        var now = _time.GetTimestamp();
        Interlocked.Exchange(ref _lastPoll, now);
        if (result?.Message is not null)
        {
            Add(result);
        }

        if (result is null || _time.GetElapsedTime(_lastDueCheck, now) >= TimeSpan.FromMilliseconds(5))
        {
            _lastDueCheck = now;
            CutDue();
            _positions.StoreAppliedOffsets();
        }

        if (_time.GetElapsedTime(_lastLagUpdate, now) >= TimeSpan.FromSeconds(1))
        {
            _lastLagUpdate = now;
            _lag.Update(_positions.Lag(consumer));
        }
    }

    private void Add(ConsumeResult<Ignore, byte[]> result)
    {
        var tp = result.TopicPartition;
        var buffer = _positions.BufferOf(tp);
        var offset = result.Offset.Value;
        if (buffer.State.Team is null)
        {
            // Not a team topic: nothing can ever be applied from it, so it must not hold back its commits.
            if (buffer.State.Outstanding == 0)
            {
                _positions.Skipped(tp, offset + 1);
            }

            return;
        }

        var first = buffer.Count == 0;
        var origin = MessageOrigin.Kafka(tp.Topic, tp.Partition.Value, offset);
        buffer.Add(new RawMessage(result.Message.Value ?? [], origin, NowOf(result.Message.Timestamp)), first ? _flow.Now() : 0);
        if (first)
        {
            _oldestStart ??= buffer.StartedAt;
        }

        if (_flow.IsFull(buffer.Count, buffer.Bytes))
        {
            Enqueue(buffer.Cut());
        }
    }

    /// <summary>A record's "now" (SPEC §4): its timestamp in whole seconds, rounded down; the consume time when it has none.</summary>
    private long NowOf(Timestamp timestamp) =>
        timestamp.Type == TimestampType.NotAvailable
            ? _time.GetUtcNow().ToUnixTimeSeconds()
            : Math.Max(0, (long)Math.Floor(timestamp.UnixTimestampMs / 1000.0));

    private void CutDue()
    {
        _oldestStart = null;
        _teamWaiting.Clear();
        foreach (var buffer in _positions.All)
        {
            if (buffer.Count > 0 && _flow.IsDue(buffer.Count, buffer.StartedAt, TeamWaiting(buffer.State.Team)))
            {
                Enqueue(buffer.Cut());
            }
            else if (buffer.Count > 0 && (_oldestStart is not { } oldest || buffer.StartedAt < oldest))
            {
                _oldestStart = buffer.StartedAt;
            }
        }
    }

    // A team's waiting batches as the pass of CutDue began: the due buffers of all its partitions are cut in that one
    // pass (and merged into one write), not only the first, whose cut would otherwise hold the others back.
    private int TeamWaiting(Core.Naming.TeamName? team)
    {
        if (team is not { } t)
        {
            return 0;
        }

        if (!_teamWaiting.TryGetValue(t, out var count))
        {
            count = _waiting.CountOf(t);
            _teamWaiting.Add(t, count);
        }

        return count;
    }

    private void Enqueue(PendingBatch? batch)
    {
        if (batch is null)
        {
            return;
        }

        _waiting.Add(batch);
        if (_paused || !_flow.IsFull(_waiting.Count) || PauseIfDominant(batch.Team) || _waiting.WaitBelow(_flow.MaxWaiting, FlowControl.BlockBeforePause, _hardStop))
        {
            return;
        }

        if (_consumer is { } consumer)
        {
            consumer.Pause(consumer.Assignment);
            _paused = true;
            Log.Paused(_logger, _waiting.Count);
        }
    }

    private void ResumeIfDrained(IConsumer<Ignore, byte[]> consumer)
    {
        ResumeTeamsDrained(consumer);
        if (_paused && _flow.ShouldResume(_waiting.Count))
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
            _pausedTeams.Clear();
            Log.Resumed(_logger);
        }
    }

    private IConsumer<Ignore, byte[]> Build() =>
        new ConsumerBuilder<Ignore, byte[]>(_options.BuildConsumerConfig())
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((c, partitions) => OnRevoked(c, partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetErrorHandler((_, error) => Log.ClientError(_logger, error.Reason, error.Code.ToString()))
            .SetLogHandler((_, message) => Log.ClientLog(_logger, message.Facility, message.Message))
            .Build();
}
