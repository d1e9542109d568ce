namespace Depc.Cli.Progress;

/// <summary>
/// Shows a <see cref="ProgressCounter"/> on stderr every second: in place on a terminal (the line is rewritten), one line
/// each otherwise (<c>--progress</c> into a file or a pipe), and a closing line when the work is done. What else the
/// command writes to stderr meanwhile goes through <see cref="Writer"/>, so a rejection never lands inside a progress line.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly string _command;
    private readonly ProgressCounter _counter;
    private readonly TextWriter _error;
    private readonly bool _inPlace;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private bool _lineShown;
    private bool _stopped;

    public ProgressReporter(string command, ProgressCounter counter, TextWriter error, bool inPlace, TimeProvider time)
    {
        (_command, _counter, _error, _inPlace, _time) = (command, counter, error, inPlace, time);
        _started = time.GetTimestamp();
        Writer = new ProgressAwareWriter(this);
        _timer = time.CreateTimer(_ => Show(done: false), null, Interval, Interval);
    }

    /// <summary>stderr for the command's other lines while progress is shown.</summary>
    public TextWriter Writer { get; }

    /// <summary>Stops the updates and writes the closing line: totals, the overall rate and the time taken.</summary>
    public void Complete()
    {
        _timer.Dispose();
        Show(done: true);
    }

    /// <summary>Stops the updates; a line left in place is ended, so what follows starts on its own line.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _stopped = true;
            if (_lineShown)
            {
                _error.WriteLine();
                _error.Flush();
                _lineShown = false;
            }
        }
    }

    /// <summary>Writes one line of other output above the progress line (which the next update redraws).</summary>
    internal void WriteAbove(string line)
    {
        lock (_lock)
        {
            ClearShownLine();
            _error.WriteLine(line);
            _error.Flush();
        }
    }

    private void Show(bool done)
    {
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var text = ProgressLine.Format(_command, _counter.Messages, _counter.Bytes, _counter.TotalBytes, _time.GetElapsedTime(_started), done);
            if (_inPlace)
            {
                // Back to the line's start, the text, then erase what a longer earlier line left to its right.
                _error.Write("\r" + text + "\u001b[K");
                _lineShown = true;
                if (done)
                {
                    _error.WriteLine();
                    _lineShown = false;
                }
            }
            else
            {
                _error.WriteLine(text);
            }

            _stopped = done;
            _error.Flush();
        }
    }

    private void ClearShownLine()
    {
        if (_lineShown)
        {
            _error.Write("\r\u001b[K");
            _lineShown = false;
        }
    }
}
