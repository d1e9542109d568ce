using Depc.Core.Activity;

namespace Depc.Core.Tests.Activity;

public sealed class UtcDayTests
{
    [Fact]
    public void A_day_runs_from_midnight_to_23_59_59_utc()
    {
        var day = new UtcDay(new DateOnly(2024, 1, 1));

        Assert.Equal(1_704_067_200, day.Start);
        Assert.Equal(1_704_153_599, day.End);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 23, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds(), day.End);
    }

    [Fact]
    public void The_epoch_day_starts_at_zero()
    {
        var day = new UtcDay(new DateOnly(1970, 1, 1));

        Assert.Equal(0, day.Start);
        Assert.Equal(86_399, day.End);
    }

    [Fact]
    public void Consecutive_days_leave_no_gap_and_do_not_overlap()
    {
        var day = new UtcDay(new DateOnly(2024, 2, 28));
        var next = new UtcDay(new DateOnly(2024, 2, 29));

        Assert.Equal(day.End + 1, next.Start);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z", "2024-01-01")]
    [InlineData("2024-01-01T23:59:59Z", "2024-01-01")]
    [InlineData("2024-01-02T00:00:00Z", "2024-01-02")]
    [InlineData("2024-01-01T23:30:00-02:00", "2024-01-02")]
    [InlineData("2024-01-02T01:00:00+02:00", "2024-01-01")]
    public void Of_takes_the_utc_date_of_an_instant(string instant, string expected)
    {
        Assert.Equal(expected, UtcDay.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).ToString());
    }

    [Theory]
    [InlineData("2024-01-01", 2024, 1, 1)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("1970-01-01", 1970, 1, 1)]
    public void TryParse_reads_yyyy_MM_dd(string text, int year, int month, int dayOfMonth)
    {
        Assert.True(UtcDay.TryParse(text, out var day));
        Assert.Equal(new DateOnly(year, month, dayOfMonth), day.Date);
        Assert.Equal(text, day.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2024-1-1")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("01/01/2024")]
    [InlineData("2024-01-01T00:00:00")]
    [InlineData(" 2024-01-01")]
    [InlineData("today")]
    public void TryParse_refuses_anything_else(string? text)
    {
        Assert.False(UtcDay.TryParse(text, out _));
    }
}
