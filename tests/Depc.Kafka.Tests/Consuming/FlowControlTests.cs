using Depc.Kafka.Consuming;
using Microsoft.Extensions.Time.Testing;

namespace Depc.Kafka.Tests.Consuming;

/// <summary>The consume thread's decisions, on a fake clock.</summary>
public sealed class FlowControlTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Cuts_at_the_message_limit_or_the_byte_limit()
    {
        var flow = Flow(maxMessages: 3, maxBytes: 100);
        Assert.False(flow.IsFull(2, 99));
        Assert.True(flow.IsFull(3, 10));
        Assert.True(flow.IsFull(1, 100));
    }

    [Fact]
    public void A_batch_is_due_once_its_first_message_waited_the_delay_while_no_batch_of_its_team_waits_for_the_writer()
    {
        var flow = Flow();
        var started = flow.Now();
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.False(flow.IsDue(5, started, teamWaiting: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(50), flow.PollTimeout(started, waiting: 0));

        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.True(flow.IsDue(5, started, teamWaiting: 0));
        Assert.False(flow.IsDue(0, started, teamWaiting: 0));
        Assert.Equal(TimeSpan.Zero, flow.PollTimeout(started, waiting: 0));

        // Batches of its team still wait for the writer: this one may keep growing, and the poll does not spin meanwhile.
        // (Other teams' batches do not hold it back: the caller counts only its own team's.)
        Assert.False(flow.IsDue(5, started, teamWaiting: 2));
        Assert.Equal(TimeSpan.FromMilliseconds(5), flow.PollTimeout(started, waiting: 2));
    }

    [Fact]
    public void Without_a_batch_in_the_making_a_poll_blocks_at_most_the_idle_poll()
    {
        var flow = Flow(maxDelay: TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(100), flow.PollTimeout(null, waiting: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), flow.PollTimeout(flow.Now(), waiting: 0));
    }

    [Fact]
    public void Holds_back_when_enough_batches_wait_and_resumes_only_once_half_of_them_are_written()
    {
        var flow = Flow(maxWaiting: 8);
        Assert.Equal(8, flow.MaxWaiting);
        Assert.False(flow.IsFull(7));
        Assert.True(flow.IsFull(8));
        Assert.False(flow.ShouldResume(7));
        Assert.False(flow.ShouldResume(5));
        Assert.True(flow.ShouldResume(4));
        Assert.True(flow.ShouldResume(0));
    }

    [Fact]
    public void A_team_holding_half_of_a_full_queue_is_paused_only_when_other_teams_are_assigned_and_resumes_once_none_of_its_batches_waits()
    {
        var flow = Flow(maxWaiting: 8);

        Assert.False(flow.ShouldPauseTeam(3, othersAssigned: true));
        Assert.True(flow.ShouldPauseTeam(4, othersAssigned: true));
        Assert.True(flow.ShouldPauseTeam(8, othersAssigned: true));
        // Consuming alone, a team is held back by the whole queue's flow control only.
        Assert.False(flow.ShouldPauseTeam(8, othersAssigned: false));
        Assert.False(FlowControl.ShouldResumeTeam(1));
        Assert.True(FlowControl.ShouldResumeTeam(0));
    }

    [Fact]
    public void Rejects_limits_that_would_never_cut_or_never_resume()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl(0, 1, TimeSpan.FromSeconds(1), 1, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl(1, 1, TimeSpan.Zero, 1, _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowControl(1, 1, TimeSpan.FromSeconds(1), 0, _time));
    }

    private FlowControl Flow(int maxMessages = 1000, long maxBytes = 1 << 20, TimeSpan? maxDelay = null, int maxWaiting = 32) =>
        new(maxMessages, maxBytes, maxDelay ?? TimeSpan.FromMilliseconds(200), maxWaiting, _time);
}
