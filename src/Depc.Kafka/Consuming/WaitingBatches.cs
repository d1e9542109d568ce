using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>
/// The cut batches between the consume thread (which adds) and the write stage (which takes the batches of one write,
/// as <see cref="BatchMerger"/> chooses). Unbounded by itself: the consume thread blocks, then pauses, once enough
/// wait (<see cref="FlowControl"/>). Thread-safe.
/// </summary>
internal sealed class WaitingBatches : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<PendingBatch> _batches = [];
    private readonly Dictionary<TeamName, int> _perTeam = [];
    private readonly ManualResetEventSlim _taken = new(false);
    private TaskCompletionSource? _changed;
    private bool _completed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>How many batches of <paramref name="team"/> wait: a team's partial batches are cut early only while none of its own wait.</summary>
    public int CountOf(TeamName team)
    {
        lock (_lock)
        {
            return _perTeam.GetValueOrDefault(team);
        }
    }

    public void Add(PendingBatch batch)
    {
        lock (_lock)
        {
            _batches.Add(batch);
            _perTeam[batch.Team] = _perTeam.GetValueOrDefault(batch.Team) + 1;
        }

        Signal();
    }

    /// <summary>No more batches will come; the taker ends once it took the last.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
        }

        Signal();
    }

    /// <summary>True once a batch waits; false when completed and empty.</summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_batches.Count > 0)
                {
                    return true;
                }

                if (_completed)
                {
                    return false;
                }

                changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the batches <paramref name="choose"/> picks (ascending indexes into the waiting batches, in order).</summary>
    public List<PendingBatch> Take(Func<IReadOnlyList<PendingBatch>, IReadOnlyList<int>> choose)
    {
        List<PendingBatch> taken;
        lock (_lock)
        {
            var picked = choose(_batches);
            taken = [.. picked.Select(i => _batches[i])];
            for (var i = picked.Count - 1; i >= 0; i--)
            {
                Forget(_batches[picked[i]].Team);
                _batches.RemoveAt(picked[i]);
            }
        }

        _taken.Set();
        return taken;
    }

    /// <summary>Blocks (the consume thread) until fewer than <paramref name="limit"/> batches wait; false past <paramref name="timeout"/>.</summary>
    public bool WaitBelow(int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Environment.TickCount64;
        while (true)
        {
            _taken.Reset();
            if (Count < limit)
            {
                return true;
            }

            var left = timeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
            try
            {
                if (left <= TimeSpan.Zero || !_taken.Wait(left, cancellationToken))
                {
                    return Count < limit;
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    public void Dispose() => _taken.Dispose();

    /// <summary>Drops the batches of abandoned partitions, each finished: they are read again by the partition's next owner.</summary>
    public void DropAbandoned()
    {
        lock (_lock)
        {
            _batches.RemoveAll(b =>
            {
                if (!b.Partition.IsAbandoned)
                {
                    return false;
                }

                b.Partition.BatchFinished();
                Forget(b.Team);
                return true;
            });
        }

        _taken.Set();
    }

    // Under the lock. Teams without waiting batches leave the table, so it holds only teams with batches waiting.
    private void Forget(TeamName team)
    {
        var left = _perTeam[team] - 1;
        if (left == 0)
        {
            _perTeam.Remove(team);
        }
        else
        {
            _perTeam[team] = left;
        }
    }

    private void Signal()
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            (changed, _changed) = (_changed, null);
        }

        changed?.TrySetResult();
    }
}
