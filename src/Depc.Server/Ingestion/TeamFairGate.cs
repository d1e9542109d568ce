namespace Depc.Server.Ingestion;

/// <summary>
/// Admits a fixed number of ingest writes at once (<c>Depc:MaxConcurrentIngests</c>). While requests wait, each freed
/// slot goes to the next team in turn (round robin over the teams that have a request waiting), not to the oldest
/// request: a team with many requests waiting gets one slot per turn like any other, so another team's request waits
/// behind at most one of its writes per slot instead of behind its whole queue.
/// </summary>
internal sealed class TeamFairGate(int slots)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedList<TaskCompletionSource>> _waiting = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _turns = new();
    private int _free = slots;

    /// <summary>Waits for a slot for <paramref name="team"/>; the caller calls <see cref="Release"/> once done with it.</summary>
    public async ValueTask EnterAsync(string team, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            // A free slot means nobody waits: a release hands its slot to a waiter before freeing it.
            if (_free > 0)
            {
                _free--;
                return;
            }

            if (!_waiting.TryGetValue(team, out var queue))
            {
                queue = new LinkedList<TaskCompletionSource>();
                _waiting.Add(team, queue);
                _turns.AddLast(team);
            }

            node = queue.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        using (cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (gate, waitingTeam, waiter) = ((TeamFairGate, string, LinkedListNode<TaskCompletionSource>))state!;
                gate.Cancel(waitingTeam, waiter, token);
            },
            (this, team, node)))
        {
            await node.Value.Task.ConfigureAwait(false);
        }
    }

    public void Release()
    {
        TaskCompletionSource? next = null;
        lock (_lock)
        {
            if (_turns.First is { } turn)
            {
                var team = turn.Value;
                var queue = _waiting[team];
                next = queue.First!.Value;
                queue.RemoveFirst();
                _turns.RemoveFirst();
                if (queue.Count > 0)
                {
                    _turns.AddLast(team);
                }
                else
                {
                    _waiting.Remove(team);
                }
            }
            else
            {
                _free++;
            }
        }

        next?.TrySetResult();
    }

    /// <summary>A waiter that gave up: removed while still waiting (then it never gets a slot); a slot already granted is the caller's to release.</summary>
    private void Cancel(string team, LinkedListNode<TaskCompletionSource> node, CancellationToken token)
    {
        lock (_lock)
        {
            if (node.List is not { } queue)
            {
                return;
            }

            queue.Remove(node);
            if (queue.Count == 0)
            {
                _waiting.Remove(team);
                _turns.Remove(team);
            }
        }

        node.Value.TrySetCanceled(token);
    }
}
