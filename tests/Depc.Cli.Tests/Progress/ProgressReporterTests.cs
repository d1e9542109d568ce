using System.Globalization;
using Depc.Cli.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Depc.Cli.Tests.Progress;

public sealed class ProgressReporterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly StringWriter _error = new(CultureInfo.InvariantCulture);
    private readonly ProgressCounter _counter = new() { TotalBytes = 4000 };

    [Fact]
    public void Into_a_file_or_pipe_it_writes_one_line_a_second_then_the_closing_line()
    {
        using var reporter = new ProgressReporter("depc ingest", _counter, _error, inPlace: false, _time);
        _counter.AddMessages(10);
        _counter.AddBytes(1000);
        _time.Advance(TimeSpan.FromSeconds(1));
        _counter.AddMessages(30);
        _counter.AddBytes(1000);
        _time.Advance(TimeSpan.FromSeconds(1));
        _counter.AddMessages(40);
        _counter.AddBytes(2000);
        reporter.Complete();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(
        [
            "depc ingest: 10 messages, 10/s; 1000 B of 3.9 KiB read (25 %); ETA 0:03",
            "depc ingest: 40 messages, 20/s; 2.0 KiB of 3.9 KiB read (50 %); ETA 0:02",
            "depc ingest: 80 messages in 0:02, 40/s; 3.9 KiB of 3.9 KiB read (100 %)",
        ],
        Lines());
    }

    [Fact]
    public void On_a_terminal_the_line_is_redrawn_in_place_and_other_lines_are_written_above_it()
    {
        using (var reporter = new ProgressReporter("depc push", _counter, _error, inPlace: true, _time))
        {
            _counter.AddMessages(5);
            _time.Advance(TimeSpan.FromSeconds(1));
            reporter.Writer.WriteLine("""{"line":3,"reason":"bad"}""");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(
            "\rdepc push: 5 messages, 5/s; 0 B of 3.9 KiB read (0 %)\u001b[K" +
            "\r\u001b[K{\"line\":3,\"reason\":\"bad\"}\n" +
            "\rdepc push: 5 messages, 2/s; 0 B of 3.9 KiB read (0 %)\u001b[K" +
            "\n",
            _error.ToString());
    }

    [Fact]
    public void Nothing_is_written_before_the_first_second()
    {
        using var reporter = new ProgressReporter("depc ingest", _counter, _error, inPlace: false, _time);
        _time.Advance(TimeSpan.FromMilliseconds(999));

        Assert.Empty(_error.ToString());
    }

    public void Dispose() => _error.Dispose();

    private string[] Lines() => _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
