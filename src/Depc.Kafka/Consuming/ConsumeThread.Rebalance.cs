using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Rebalance and shutdown: assigned partitions start at their stored positions; before partitions go, their batches
/// in hand are written (so the next owner starts where this one stopped), or, past the timeout, abandoned; nothing is
/// written for a partition once it is gone. Correctness does not hang on this: the store fences any late write.
/// </summary>
internal sealed partial class ConsumeThread
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(2);

    private List<TopicPartitionOffset> OnAssigned(List<TopicPartition> partitions)
    {
        // A fresh assignment starts unpaused; a backlog left over pauses it again on the next enqueue.
        _paused = false;
        _pausedTeams.Clear();
        return _positions.Assign(partitions);
    }

    private void OnRevoked(IConsumer<Ignore, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        var buffers = _positions.Buffers(partitions.Select(static p => p.TopicPartition));
        Log.PartitionsRevoked(_logger, Describe(partitions.Select(static p => p.TopicPartition)));
        if (!_hardStop.IsCancellationRequested)
        {
            FlushAndWait(buffers, _options.RevocationTimeout);
            Commit(consumer);
        }

        _positions.Release(buffers);
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        var buffers = _positions.Buffers(partitions.Select(static p => p.TopicPartition));
        Log.PartitionsLost(_logger, Describe(partitions.Select(static p => p.TopicPartition)));
        Abandon(buffers);
        _positions.Release(buffers);
    }

    /// <summary>Cuts the partitions' buffers and waits until the write stage finished all their batches, or abandons them.</summary>
    private void FlushAndWait(List<PartitionBuffer> buffers, TimeSpan timeout)
    {
        foreach (var buffer in buffers)
        {
            // Behind the waiting batches, so each partition's batches stay in offset order.
            if (buffer.Cut() is { } batch)
            {
                _waiting.Add(batch);
            }
        }

        var started = _time.GetTimestamp();
        while (!_hardStop.IsCancellationRequested)
        {
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

    /// <summary>Abandons the partitions' batches and waits until the write stage let go of them (dropped or cancelled).</summary>
    private void Abandon(List<PartitionBuffer> buffers)
    {
        foreach (var buffer in buffers)
        {
            buffer.State.Abandon();
            buffer.Discard();
        }

        _waiting.DropAbandoned();
        while (!_hardStop.IsCancellationRequested && !buffers.TrueForAll(static b => b.State.Outstanding <= 0))
        {
            Thread.Sleep(WaitStep);
        }
    }

    private void Commit(IConsumer<Ignore, byte[]> consumer)
    {
        _positions.StoreAppliedOffsets();
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
