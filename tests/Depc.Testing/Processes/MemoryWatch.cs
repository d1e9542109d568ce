namespace Depc.Testing.Processes;

/// <summary>
/// Samples a child process's resident memory every <c>interval</c> (default 0.2 s) and keeps the highest value seen;
/// past <c>killAbove</c> bytes it kills the process, so that a failing test cannot exhaust the machine (the test
/// then sees the process gone and <see cref="KilledByWatch"/> set).
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly int _processId;
    private readonly long _killAbove;
    private readonly Action _kill;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _highest;

    public MemoryWatch(int processId, Action kill, long killAbove = 4L << 30, TimeSpan? interval = null)
    {
        _processId = processId;
        _kill = kill;
        _killAbove = killAbove;
        _loop = RunAsync(interval ?? TimeSpan.FromMilliseconds(200), _stop.Token);
    }

    /// <summary>The highest resident memory sampled so far, in bytes.</summary>
    public long Highest => Interlocked.Read(ref _highest);

    public bool KilledByWatch { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (ResidentMemory.Current(_processId) is { } rss)
            {
                if (rss > Interlocked.Read(ref _highest))
                {
                    Interlocked.Exchange(ref _highest, rss);
                }

                if (rss > _killAbove && !KilledByWatch)
                {
                    KilledByWatch = true;
                    _kill();
                }
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
