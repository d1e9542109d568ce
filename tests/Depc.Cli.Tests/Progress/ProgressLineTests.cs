using Depc.Cli.Progress;

namespace Depc.Cli.Tests.Progress;

public sealed class ProgressLineTests
{
    [Fact]
    public void A_file_shows_messages_rate_bytes_of_the_total_and_the_time_left_at_the_rate_so_far()
    {
        var line = ProgressLine.Format("depc ingest", 1_234_567, 300L << 20, 1200L << 20, TimeSpan.FromSeconds(10), done: false);

        // 300 MiB in 10 s: the 900 MiB left take 30 s more.
        Assert.Equal("depc ingest: 1,234,567 messages, 123,456/s; 300.0 MiB of 1.2 GiB read (25 %); ETA 0:30", line);
    }

    [Fact]
    public void A_pipe_has_no_total_so_no_percentage_and_no_eta()
    {
        var line = ProgressLine.Format("depc push", 5_000, 2_500_000, null, TimeSpan.FromSeconds(2), done: false);

        Assert.Equal("depc push: 5,000 messages, 2,500/s; 2.4 MiB read", line);
    }

    [Fact]
    public void The_closing_line_gives_the_time_taken_and_the_overall_rate()
    {
        var line = ProgressLine.Format("depc ingest", 3_000_000, 3L << 30, 3L << 30, TimeSpan.FromSeconds(3725), done: true);

        Assert.Equal("depc ingest: 3,000,000 messages in 1:02:05, 805/s; 3.0 GiB of 3.0 GiB read (100 %)", line);
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L << 20, "5.0 MiB")]
    [InlineData(7L << 30, "7.0 GiB")]
    public void Sizes_use_binary_units(long bytes, string expected) => Assert.Equal(expected, ProgressLine.Size(bytes));

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(0.2, "0:01")]
    [InlineData(59, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3600, "1:00:00")]
    [InlineData(90061, "25:01:01")]
    public void Durations_round_up_to_the_second(double seconds, string expected) =>
        Assert.Equal(expected, ProgressLine.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Nothing_read_yet_has_no_eta_and_no_division_by_zero()
    {
        var line = ProgressLine.Format("depc ingest", 0, 0, 1000, TimeSpan.Zero, done: false);

        Assert.Equal("depc ingest: 0 messages, 0/s; 0 B of 1000 B read (0 %)", line);
    }
}
