using System.Threading.Channels;
using Confluent.Kafka;
using Depc.Core.Ingestion;
using Depc.Kafka.Configuration;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The consume thread: polls Kafka, keeps one in-order buffer per assigned partition, cuts it into
/// batches (<see cref="BatchCutter"/>) and hands them to the writer through a bounded channel. When
/// the writer falls behind it blocks briefly, then pauses the partitions so that polling (and group
/// membership) goes on while memory stays bounded. Nothing here decodes or writes.
/// </summary>
internal sealed partial class ConsumeLoop : IOffsetStore, IDisposable
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DueCheckEvery = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan BlockBeforePause = TimeSpan.FromSeconds(1);

    private readonly KafkaOptions _options;
    private readonly BatchCutter _cutter;
    private readonly ChannelWriter<PendingBatch> _output;
    private readonly ChannelReader<PendingBatch> _queued;
    private readonly ConsumerLagTracker _lag;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _hardStop;
    private readonly Dictionary<TopicPartition, PartitionBuffer> _buffers = [];
    private readonly Queue<PendingBatch> _backlog = new();
    private IConsumer<Ignore, byte[]>? _consumer;
    private bool _paused;
    private long _lastPoll;
    private long _lastDueCheck;

    /// <summary>
    /// When the oldest uncut message was buffered, null when none is: the poll timeout is read from it per
    /// message instead of from every partition's buffer. A cut may leave it earlier than the truth until the
    /// next <see cref="CutDue"/> recomputes it; that only shortens one poll.
    /// </summary>
    private long? _oldestStart;
    private long _lastLagUpdate;

    public ConsumeLoop(KafkaOptions options, Channel<PendingBatch> output, ConsumerLagTracker lag, TimeProvider time, ILogger logger, CancellationToken hardStop)
    {
        _options = options;
        _output = output.Writer;
        _queued = output.Reader;
        _lag = lag;
        _time = time;
        _logger = logger;
        _hardStop = hardStop;
        _cutter = new BatchCutter(options.MaxBatchMessages, options.MaxBatchBytes, options.MaxBatchDelay, time);
    }

    /// <summary>When the loop last came back from polling Kafka (a <see cref="TimeProvider"/> timestamp), 0 before.</summary>
    public long LastPoll => Interlocked.Read(ref _lastPoll);

    /// <summary>
    /// Runs until <paramref name="stopping"/> (graceful: the batches in hand are written within
    /// ShutdownTimeout, written offsets committed, the group left) or the hard stop (nothing more
    /// is written or committed, like a killed process).
    /// </summary>
    public void Run(CancellationToken stopping)
    {
        var consumer = Build();
        _consumer = consumer;
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
                FlushAndWait([.. _buffers.Values], _options.ShutdownTimeout);
                Commit(consumer);
                consumer.Close();
                Log.ConsumerStopped(_logger);
            }
        }
        finally
        {
            _output.TryComplete();
        }
    }

    public void StoreOffsets(PendingBatch batch)
    {
        try
        {
            _consumer?.StoreOffset(new TopicPartitionOffset(batch.Partition.TopicPartition, new Offset(batch.LastOffset + 1)));
        }
        catch (KafkaException e)
        {
            // The partition went away meanwhile: its next owner re-reads from the last commit.
            Log.CommitFailed(_logger, $"{batch.Partition}: {e.Error.Reason}");
        }
    }

    /// <summary>Disposes the client without closing it (no final commit): called once the writer stopped.</summary>
    public void Dispose()
    {
        _consumer?.Dispose();
        foreach (var buffer in _buffers.Values)
        {
            buffer.State.Dispose();
        }

        _buffers.Clear();
    }

    private void PollOnce(IConsumer<Ignore, byte[]> consumer)
    {
        DrainBacklog(resume: true);
        ConsumeResult<Ignore, byte[]>? result = null;
        try
        {
            result = consumer.Consume(PollTimeout());
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
            Add(consumer, result);
        }

        if (result is null || _time.GetElapsedTime(_lastDueCheck, now) >= DueCheckEvery)
        {
            _lastDueCheck = now;
            CutDue();
        }

        if (_time.GetElapsedTime(_lastLagUpdate, now) >= TimeSpan.FromSeconds(1))
        {
            _lastLagUpdate = now;
            UpdateLag(consumer);
        }
    }

    private int PollTimeout()
    {
        if (_oldestStart is not { } oldest)
        {
            return (int)IdlePoll.TotalMilliseconds;
        }

        var due = _cutter.TimeUntilDue(oldest);
        if (due > TimeSpan.Zero)
        {
            return (int)Math.Ceiling((due < IdlePoll ? due : IdlePoll).TotalMilliseconds);
        }

        // Due, but CutDue holds batches back while the writer has work queued: wait a little instead of spinning.
        return WriterBusy ? (int)DueCheckEvery.TotalMilliseconds : 0;
    }

    private void Add(IConsumer<Ignore, byte[]> consumer, ConsumeResult<Ignore, byte[]> result)
    {
        var tp = result.TopicPartition;
        if (!_buffers.TryGetValue(tp, out var buffer))
        {
            buffer = Track(tp);
        }

        var offset = result.Offset.Value;
        if (buffer.State.Team is null)
        {
            // Not a team topic: nothing can ever be applied from it, so it must not hold back its commits.
            if (buffer.State.Outstanding == 0)
            {
                try
                {
                    consumer.StoreOffset(new TopicPartitionOffset(tp, new Offset(offset + 1)));
                }
                catch (KafkaException e)
                {
                    Log.CommitFailed(_logger, $"{tp}: {e.Error.Reason}");
                }
            }

            return;
        }

        var payload = result.Message.Value ?? [];
        var first = buffer.Count == 0;
        buffer.Add(new RawMessage(payload, KafkaOrigin.Format(tp.Topic, tp.Partition.Value, offset)), offset, first ? _cutter.Now() : 0);
        if (first)
        {
            _oldestStart ??= buffer.StartedAt;
        }

        if (_cutter.IsFull(buffer.Count, buffer.Bytes))
        {
            Enqueue(buffer.Cut());
        }
    }

    private void CutDue()
    {
        // The time limit bounds latency when the writer waits for work; while batches are still
        // queued for it, a batch may as well keep growing (fewer, larger transactions).
        var cut = !WriterBusy;
        _oldestStart = null;
        foreach (var buffer in _buffers.Values)
        {
            if (cut && _cutter.IsDue(buffer.Count, buffer.StartedAt))
            {
                Enqueue(buffer.Cut());
            }
            else if (buffer.Count > 0 && (_oldestStart is not { } oldest || buffer.StartedAt < oldest))
            {
                _oldestStart = buffer.StartedAt;
            }
        }
    }

    private bool WriterBusy => _backlog.Count > 0 || _queued.Count > 0;

    private void Enqueue(PendingBatch? batch)
    {
        if (batch is null)
        {
            return;
        }

        if (_backlog.Count == 0 && (_output.TryWrite(batch) || WaitToWrite(batch)))
        {
            return;
        }

        _backlog.Enqueue(batch);
        if (!_paused && _consumer is { } consumer)
        {
            consumer.Pause(consumer.Assignment);
            _paused = true;
            Log.Paused(_logger, _backlog.Count);
        }
    }

    /// <summary>Short back-pressure: block the consume thread a little before resorting to pausing.</summary>
    private bool WaitToWrite(PendingBatch batch)
    {
        try
        {
            var wait = _output.WaitToWriteAsync(_hardStop).AsTask();
            return wait.Wait(BlockBeforePause, _hardStop) && wait.Result && _output.TryWrite(batch);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void DrainBacklog(bool resume)
    {
        while (_backlog.TryPeek(out var batch) && _output.TryWrite(batch))
        {
            _backlog.Dequeue();
        }

        if (resume && _paused && _backlog.Count == 0 && _consumer is { } consumer)
        {
            consumer.Resume(consumer.Assignment);
            _paused = false;
            Log.Resumed(_logger);
        }
    }

    private void UpdateLag(IConsumer<Ignore, byte[]> consumer)
    {
        var lag = new List<PartitionLag>(_buffers.Count);
        foreach (var (tp, buffer) in _buffers)
        {
            var high = consumer.GetWatermarkOffsets(tp).High.Value;
            var next = buffer.State.LastWritten >= 0 ? buffer.State.LastWritten + 1 : consumer.Position(tp).Value;
            if (high >= 0 && next >= 0)
            {
                lag.Add(new PartitionLag(buffer.State.Team?.Value ?? "", tp.Topic, tp.Partition.Value, Math.Max(0, high - next)));
            }
        }

        _lag.Update(lag);
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
