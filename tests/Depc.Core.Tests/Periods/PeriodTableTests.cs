using Depc.Core.Periods;
using Depc.Core.Storage;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Periods;

/// <summary>Every row of the SPEC §4 period table, its refusals and its duplicates.</summary>
public sealed class PeriodTableTests
{
    private static readonly RelationshipState Open = States.Of(LastState.From, 10, 20, 30);
    private static readonly RelationshipState Closed = States.Of(LastState.To, 10, 20);

    // Row 1: no relationship, from X → [X], from, X.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1527847440)]
    [InlineData(long.MaxValue)]
    public void Apply_starts_a_new_relationship_with_from(long x)
    {
        AssertAccepted(null, x, null, States.Of(LastState.From, x));
    }

    // Row 2: no relationship, from X to Y with X < Y → [X, Y], to, Y.
    [Theory]
    [InlineData(1527847440, 1527854640)]
    [InlineData(0, 1)]
    [InlineData(5, long.MaxValue)]
    public void Apply_starts_a_new_relationship_with_from_and_to_when_from_is_before_to(long x, long y)
    {
        AssertAccepted(null, x, y, States.Of(LastState.To, x, y));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    public void Apply_rejects_a_new_relationship_whose_from_is_not_before_to(long x, long y)
    {
        var reason = AssertRejected(null, x, y, null);
        Assert.Contains("from must be less than to", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_rejects_a_new_relationship_with_to_alone()
    {
        var reason = AssertRejected(null, null, 5, null);
        Assert.Contains("{to: 5}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_treats_a_state_without_periods_as_a_new_relationship()
    {
        var empty = new RelationshipState([], LastState.To, 0);

        AssertAccepted(empty, 7, null, States.Of(LastState.From, 7));
        AssertAccepted(empty, 7, 9, States.Of(LastState.To, 7, 9));
        Assert.Equal(MessageOutcome.Rejected, PeriodTable.Apply(empty, null, 9).Outcome);
    }

    // Row 3: from, to Y with L < Y → append Y, to, Y.
    [Fact]
    public void Apply_closes_an_open_relationship_with_a_later_to()
    {
        AssertAccepted(Open, null, 31, States.Of(LastState.To, 10, 20, 30, 31));
        AssertAccepted(States.Of(LastState.From, 10), null, 11, States.Of(LastState.To, 10, 11));
    }

    [Theory]
    [InlineData(30)]
    [InlineData(29)]
    [InlineData(1)]
    public void Apply_rejects_a_to_not_after_last_ts_of_an_open_relationship(long y)
    {
        var reason = AssertRejected(Open, null, y, Open);
        Assert.Contains("to must be greater than last_ts 30", reason, StringComparison.Ordinal);
    }

    // Row 4: from, from X to Y with L < Y < X → append Y, X, from, X.
    [Fact]
    public void Apply_closes_and_reopens_an_open_relationship_with_to_then_later_from()
    {
        AssertAccepted(Open, 50, 40, States.Of(LastState.From, 10, 20, 30, 40, 50));
        AssertAccepted(States.Of(LastState.From, 10), 12, 11, States.Of(LastState.From, 10, 11, 12));
    }

    [Theory]
    [InlineData(40, 50)]
    [InlineData(40, 40)]
    [InlineData(50, 30)]
    [InlineData(30, 25)]
    [InlineData(31, 30)]
    public void Apply_rejects_from_and_to_on_an_open_relationship_unless_last_ts_is_before_to_before_from(long x, long y)
    {
        var reason = AssertRejected(Open, x, y, Open);
        Assert.Contains("last_ts 30 < to < from", reason, StringComparison.Ordinal);
    }

    // Row 5: to, from X with L < X → append X, from, X.
    [Fact]
    public void Apply_reopens_a_closed_relationship_with_a_later_from()
    {
        AssertAccepted(Closed, 21, null, States.Of(LastState.From, 10, 20, 21));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(15)]
    [InlineData(0)]
    public void Apply_rejects_a_from_not_after_last_ts_of_a_closed_relationship(long x)
    {
        var reason = AssertRejected(Closed, x, null, Closed);
        Assert.Contains("from must be greater than last_ts 20", reason, StringComparison.Ordinal);
    }

    // Row 6: to, from X to Y with L < X < Y → append X, Y, to, Y.
    [Fact]
    public void Apply_adds_a_closed_period_after_a_closed_relationship()
    {
        AssertAccepted(Closed, 30, 40, States.Of(LastState.To, 10, 20, 30, 40));
    }

    [Theory]
    [InlineData(20, 40)]
    [InlineData(30, 30)]
    [InlineData(40, 30)]
    [InlineData(5, 15)]
    [InlineData(10, 21)]
    public void Apply_rejects_from_and_to_on_a_closed_relationship_unless_last_ts_is_before_from_before_to(long x, long y)
    {
        var reason = AssertRejected(Closed, x, y, Closed);
        Assert.Contains("last_ts 20 < from < to", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(19)]
    public void Apply_rejects_to_alone_on_a_closed_relationship(long y)
    {
        var reason = AssertRejected(Closed, null, y, Closed);
        Assert.Contains("already closed", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_reports_the_event_and_the_relationship_state_in_a_rejection()
    {
        var reason = AssertRejected(Closed, 5, 15, Closed);

        Assert.Equal(
            "rel event {from: 5, to: 15} refused: a closed relationship takes from/to only when last_ts 20 < from < to (relationship has last_state 'to', last_ts 20, 1 period, periods [10, 20])",
            reason);
    }

    // Duplicates: a from (without to) while open keeps the start.
    [Theory]
    [InlineData(30)]
    [InlineData(31)]
    [InlineData(1000)]
    [InlineData(0)]
    public void Apply_counts_from_while_open_as_a_duplicate_keeping_the_start(long x)
    {
        AssertDuplicate(Open, x, null);
        AssertDuplicate(States.Of(LastState.From, 10), x, null);
    }

    // Duplicates: a replay of the event that produced the tail, for every row of the table.
    [Fact]
    public void Apply_counts_a_replay_of_the_event_that_produced_the_tail_as_a_duplicate_for_every_row()
    {
        (RelationshipState? Before, long? From, long? To)[] rows =
        [
            (null, 10, null),
            (null, 10, 20),
            (States.Of(LastState.From, 10), null, 20),
            (States.Of(LastState.From, 10), 30, 20),
            (Closed, 30, null),
            (Closed, 30, 40),
        ];

        foreach (var (before, from, to) in rows)
        {
            var after = PeriodTable.Apply(before, from, to);
            Assert.Equal(MessageOutcome.Accepted, after.Outcome);
            AssertDuplicate(after.State!, from, to);
        }
    }

    [Fact]
    public void Apply_rejects_a_replay_of_an_event_older_than_the_tail()
    {
        var state = States.Of(LastState.From, 10);
        state = PeriodTable.Apply(state, null, 20).State!;
        state = PeriodTable.Apply(state, 30, null).State!;

        AssertDuplicate(state, 10, null);
        AssertRejected(state, null, 20, state);
    }

    [Fact]
    public void Apply_refuses_an_event_without_bounds()
    {
        Assert.Throws<ArgumentException>(() => PeriodTable.Apply(null, null, null));
    }

    [Fact]
    public void Apply_never_changes_the_state_it_is_given()
    {
        var periods = new long[] { 10, 20 };
        var state = new RelationshipState(periods, LastState.To, 20);

        PeriodTable.Apply(state, 30, 40);
        PeriodTable.Apply(state, 30, null);

        Assert.Equal([10, 20], periods);
    }

    [Fact]
    public void State_text_names_the_last_state_as_stored()
    {
        Assert.Equal("from", RelationshipState.StateText(LastState.From));
        Assert.Equal("to", RelationshipState.StateText(LastState.To));
        Assert.True(Open.IsOpen);
        Assert.False(Closed.IsOpen);
    }

    private static void AssertAccepted(RelationshipState? current, long? from, long? to, RelationshipState expected)
    {
        var result = PeriodTable.Apply(current, from, to);

        Assert.Equal(MessageOutcome.Accepted, result.Outcome);
        Assert.Null(result.Reason);
        States.AssertEqual(expected, result.State);
        States.AssertWellFormed(result.State!);
    }

    private static void AssertDuplicate(RelationshipState current, long? from, long? to)
    {
        var result = PeriodTable.Apply(current, from, to);

        Assert.True(MessageOutcome.Duplicate == result.Outcome, $"{{from: {from}, to: {to}}} on {current}: {result.Outcome} {result.Reason}");
        Assert.Same(current, result.State);
        Assert.Null(result.Reason);
    }

    private static string AssertRejected(RelationshipState? current, long? from, long? to, RelationshipState? unchanged)
    {
        var result = PeriodTable.Apply(current, from, to);

        Assert.Equal(MessageOutcome.Rejected, result.Outcome);
        Assert.Same(unchanged, result.State);
        Assert.NotNull(result.Reason);
        Assert.StartsWith("rel event {", result.Reason, StringComparison.Ordinal);
        if (current is not null)
        {
            Assert.Contains(current.ToString(), result.Reason, StringComparison.Ordinal);
        }

        return result.Reason;
    }
}
