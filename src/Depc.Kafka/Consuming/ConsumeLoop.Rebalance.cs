using Confluent.Kafka;
using Depc.Core.Naming;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Rebalance and shutdown: before partitions go, their batches in hand are written and committed,
/// or, past the timeout, abandoned uncommitted; nothing is written for a partition once it is gone.
/// </summary>
internal sealed partial class ConsumeLoop
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(2);

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            if (!_buffers.ContainsKey(tp))
            {
                Track(tp);
            }
        }

        // A fresh assignment starts unpaused; a backlog left over pauses it again on the next enqueue.
        _paused = false;
        Log.PartitionsAssigned(_logger, Describe(partitions));
    }

    private void OnRevoked(IConsumer<Ignore, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        var buffers = Buffers(partitions.Select(static p => p.TopicPartition));
        Log.PartitionsRevoked(_logger, Describe(partitions.Select(static p => p.TopicPartition)));
        if (!_hardStop.IsCancellationRequested)
        {
            FlushAndWait(buffers, _options.RevocationTimeout);
            Commit(consumer);
        }

        Untrack(buffers);
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        var buffers = Buffers(partitions.Select(static p => p.TopicPartition));
        Log.PartitionsLost(_logger, Describe(partitions.Select(static p => p.TopicPartition)));
        Abandon(buffers);
        Untrack(buffers);
    }

    private PartitionBuffer Track(TopicPartition tp)
    {
        TeamName? team = TeamName.TryFromTopic(tp.Topic, out var t) ? t : null;
        if (team is null)
        {
            Log.NotTeamTopic(_logger, tp.Topic);
        }

        var buffer = new PartitionBuffer(new PartitionState(tp, team, _hardStop));
        _buffers[tp] = buffer;
        return buffer;
    }

    private void Untrack(List<PartitionBuffer> buffers)
    {
        foreach (var buffer in buffers)
        {
            _buffers.Remove(buffer.State.TopicPartition);
            buffer.State.Dispose();
        }

        _paused = false;
    }

    private List<PartitionBuffer> Buffers(IEnumerable<TopicPartition> partitions) =>
        [.. partitions.Select(tp => _buffers.GetValueOrDefault(tp)).OfType<PartitionBuffer>()];

    /// <summary>Cuts the given partitions' buffers and waits until the writer finished all their batches, or abandons them.</summary>
    private void FlushAndWait(List<PartitionBuffer> buffers, TimeSpan timeout)
    {
        foreach (var buffer in buffers)
        {
            if (buffer.Cut() is { } batch)
            {
                // Behind any backlog, so each partition's batches stay in offset order.
                _backlog.Enqueue(batch);
            }
        }

        var started = _time.GetTimestamp();
        while (!_hardStop.IsCancellationRequested)
        {
            DrainBacklog(resume: false);
            if (buffers.TrueForAll(static b => b.State.Outstanding == 0))
            {
                return;
            }

            if (_time.GetElapsedTime(started) >= timeout)
            {
                Log.BatchesAbandoned(_logger, string.Join(", ", buffers.Select(static b => b.State.ToString())), timeout.TotalMilliseconds);
                Abandon(buffers);
                return;
            }

            Thread.Sleep(WaitStep);
        }
    }

    /// <summary>Abandons the partitions' batches and waits until the writer is done with them (skipped or cancelled).</summary>
    private void Abandon(List<PartitionBuffer> buffers)
    {
        foreach (var buffer in buffers)
        {
            buffer.State.Abandon();
            buffer.Discard();
        }

        var kept = new Queue<PendingBatch>(_backlog.Count);
        while (_backlog.TryDequeue(out var batch))
        {
            if (batch.Partition.IsAbandoned)
            {
                batch.Partition.BatchFinished();
            }
            else
            {
                kept.Enqueue(batch);
            }
        }

        foreach (var batch in kept)
        {
            _backlog.Enqueue(batch);
        }

        while (!_hardStop.IsCancellationRequested && !buffers.TrueForAll(static b => b.State.Outstanding <= 0))
        {
            DrainBacklog(resume: false);
            Thread.Sleep(WaitStep);
        }
    }

    private void Commit(IConsumer<Ignore, byte[]> consumer)
    {
        try
        {
            var committed = consumer.Commit();
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                Log.Committed(_logger, string.Join(", ", committed.Select(static c => c.ToString())));
            }
        }
        catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
        {
            // Nothing written since the last commit.
        }
        catch (KafkaException e)
        {
            Log.CommitFailed(_logger, e.Error.Reason);
        }
    }

    private static string Describe(IEnumerable<TopicPartition> partitions) =>
        string.Join(", ", partitions.Select(static tp => $"{tp.Topic}/{tp.Partition.Value}"));
}
