using CsCheck;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Core.Tests.Support;

namespace Depc.Core.Tests.Periods;

/// <summary>SPEC §4: a relationship keeps at most its limit of periods, the oldest complete ones dropped; reasons stay short.</summary>
public sealed class PeriodTrimmingTests
{
    private static readonly Gen<(long? From, long? To)> Event = Gen.Select(Gen.Long[0, 60].Nullable(0.4), Gen.Long[1, 60].Nullable(0.5))
        .Where((f, t) => f is not null || t is not null);

    [Fact]
    public void Trimming_keeps_the_outcomes_and_the_newest_periods_of_an_unbounded_history()
    {
        Gen.Select(Event.Array[0, 60], Gen.Int[2, 6], Gen.Int[1, 9]).Sample((events, max, chunk) =>
        {
            var planned = events.Select((e, i) => new PlannedEvent(i, e.From, e.To)).ToArray();
            var (unbounded, unboundedOutcomes, _) = Run(planned, int.MaxValue / 4, chunk);
            var (bounded, outcomes, trimmed) = Run(planned, max, chunk);

            Assert.Equal(unboundedOutcomes, outcomes);
            if (unbounded is null)
            {
                Assert.Null(bounded);
                return;
            }

            var keep = Math.Min(unbounded.Periods.Length, (2 * max) - (unbounded.IsOpen ? 1 : 0));
            States.AssertEqual(new RelationshipState(unbounded.Periods[^keep..], unbounded.LastState, unbounded.LastTs), bounded);
            Assert.Equal((unbounded.Periods.Length - keep) / 2, trimmed);
        }, iter: 5_000);
    }

    [Fact]
    public void Fifty_thousand_alternating_events_in_one_batch_keep_the_limit_and_count_what_was_dropped()
    {
        var events = Enumerable.Range(0, 50_000).Select(i => new PlannedEvent(i, i % 2 == 0 ? i + 1 : null, i % 2 == 1 ? i + 1 : null)).ToArray();
        var outcomes = new MessageOutcome[events.Length];
        long trimmed = 0;

        var state = RelationshipResolver.Resolve(null, events, outcomes, [], 1000, ref trimmed);

        Assert.All(outcomes, o => Assert.Equal(MessageOutcome.Accepted, o));
        Assert.Equal(2000, state!.Periods.Length);
        Assert.Equal((48_001L, 50_000L), (state.Periods[0], state.Periods[^1]));
        Assert.Equal(24_000, trimmed);
    }

    [Fact]
    public void A_refusal_names_the_number_of_periods_and_at_most_the_last_two()
    {
        var periods = Enumerable.Range(1, 999).Select(i => (long)i * 10).ToArray();
        var open = new RelationshipState(periods, LastState.From, periods[^1]);
        var closed = new RelationshipState(periods[..^1], LastState.To, periods[^2]);

        var openReason = PeriodTable.Apply(open, null, 5).Reason!;
        var closedReason = PeriodTable.Apply(closed, 3, null).Reason!;

        Assert.EndsWith("(relationship has last_state 'from', last_ts 9990, 500 periods, last two periods [9970, 9980, 9990])", openReason, StringComparison.Ordinal);
        Assert.EndsWith("(relationship has last_state 'to', last_ts 9980, 499 periods, last two periods [9950, 9960, 9970, 9980])", closedReason, StringComparison.Ordinal);
        Assert.True(openReason.Length < 200, openReason);
    }

    [Theory]
    [InlineData(new long[] { 5 }, "1 period, periods [5]")]
    [InlineData(new long[] { 5, 6 }, "1 period, periods [5, 6]")]
    [InlineData(new long[] { 5, 6, 7 }, "2 periods, periods [5, 6, 7]")]
    [InlineData(new long[] { 5, 6, 7, 8 }, "2 periods, periods [5, 6, 7, 8]")]
    [InlineData(new long[] { 5, 6, 7, 8, 9 }, "3 periods, last two periods [7, 8, 9]")]
    public void A_state_is_described_with_its_count_and_its_tail(long[] periods, string expected)
    {
        var state = new RelationshipState(periods, periods.Length % 2 == 1 ? LastState.From : LastState.To, periods[^1]);

        Assert.EndsWith(expected, state.ToString(), StringComparison.Ordinal);
    }

    private static (RelationshipState? State, MessageOutcome[] Outcomes, long Trimmed) Run(PlannedEvent[] events, int max, int chunk)
    {
        var outcomes = new MessageOutcome[events.Length];
        RelationshipState? state = null;
        long trimmed = 0;
        for (var start = 0; start < events.Length; start += chunk)
        {
            var slice = events.AsSpan(start, Math.Min(chunk, events.Length - start));
            state = RelationshipResolver.Resolve(state, slice, outcomes, [], max, ref trimmed) ?? state;
        }

        return (state, outcomes, trimmed);
    }
}
