using Depc.Core.Activity;

namespace Depc.Core.Tests.Activity;

/// <summary>SPEC §6 activity rules at their boundaries.</summary>
public sealed class ActivityRulesTests
{
    // 2024-01-01 UTC: [1704067200, 1704153599].
    private const long S = 1_704_067_200;
    private const long E = S + 86_399;
    private static readonly UtcDay Day = new(new DateOnly(2024, 1, 1));

    [Theory]
    [InlineData(10L, 20L, 10L, true)]
    [InlineData(10L, 20L, 20L, true)]
    [InlineData(10L, 20L, 15L, true)]
    [InlineData(10L, 20L, 9L, false)]
    [InlineData(10L, 20L, 21L, false)]
    [InlineData(10L, 10L, 10L, true)]
    [InlineData(null, 20L, 0L, true)]
    [InlineData(null, 20L, 20L, true)]
    [InlineData(null, 20L, 21L, false)]
    [InlineData(10L, null, 10L, true)]
    [InlineData(10L, null, long.MaxValue, true)]
    [InlineData(10L, null, 9L, false)]
    [InlineData(null, null, 0L, true)]
    [InlineData(null, null, long.MaxValue, true)]
    [InlineData(0L, null, 0L, true)]
    public void NodeActiveAt_uses_inclusive_bounds_with_missing_from_zero_and_missing_to_infinite(long? from, long? to, long t, bool expected)
    {
        Assert.Equal(expected, ActivityRules.NodeActiveAt(from, to, t));
    }

    [Theory]
    [InlineData(new long[0], 0L, true)]
    [InlineData(new long[0], long.MaxValue, true)]
    [InlineData(new long[] { 10, 20 }, 10L, true)]
    [InlineData(new long[] { 10, 20 }, 20L, true)]
    [InlineData(new long[] { 10, 20 }, 9L, false)]
    [InlineData(new long[] { 10, 20 }, 21L, false)]
    [InlineData(new long[] { 10, 20, 30, 40 }, 25L, false)]
    [InlineData(new long[] { 10, 20, 30, 40 }, 30L, true)]
    [InlineData(new long[] { 10, 20, 30, 40 }, 40L, true)]
    [InlineData(new long[] { 10, 20, 30, 40 }, 41L, false)]
    [InlineData(new long[] { 10 }, 9L, false)]
    [InlineData(new long[] { 10 }, 10L, true)]
    [InlineData(new long[] { 10 }, long.MaxValue, true)]
    [InlineData(new long[] { 10, 20, 30 }, 15L, true)]
    [InlineData(new long[] { 10, 20, 30 }, 25L, false)]
    [InlineData(new long[] { 10, 20, 30 }, 29L, false)]
    [InlineData(new long[] { 10, 20, 30 }, 30L, true)]
    [InlineData(new long[] { 10, 20, 30 }, 1000L, true)]
    public void RelationshipActiveAt_is_true_without_periods_inside_closed_periods_and_from_the_open_start(long[] periods, long t, bool expected)
    {
        Assert.Equal(expected, ActivityRules.RelationshipActiveAt(periods, t));
    }

    [Theory]
    [InlineData(S, null, true)]
    [InlineData(E, null, true)]
    [InlineData(E, E, true)]
    [InlineData(S + 1, S + 2, true)]
    [InlineData(E + 1, null, false)]
    [InlineData(S - 1, null, true)]
    [InlineData(S - 1, S, true)]
    [InlineData(S - 1, S - 1, false)]
    [InlineData(0L, S - 1, false)]
    [InlineData(null, S, true)]
    [InlineData(null, S - 1, false)]
    [InlineData(null, null, true)]
    [InlineData(0L, null, true)]
    public void NodeActiveOn_is_true_when_from_is_within_the_day_or_the_node_spans_the_day_start(long? from, long? to, bool expected)
    {
        Assert.Equal(expected, ActivityRules.NodeActiveOn(from, to, Day));
    }

    [Fact]
    public void NodeActiveOn_follows_the_spec_even_when_from_is_after_to_within_the_day()
    {
        // s ≤ from ≤ e alone makes it active; the rule does not look at 'to' then.
        Assert.True(ActivityRules.NodeActiveOn(S + 100, S + 50, Day));
    }

    [Theory]
    [InlineData(new long[0], true)]
    [InlineData(new long[] { S, S }, true)]
    [InlineData(new long[] { E, E + 10 }, true)]
    [InlineData(new long[] { S - 10, S }, true)]
    [InlineData(new long[] { S - 10, S - 1 }, false)]
    [InlineData(new long[] { E + 1, E + 10 }, false)]
    [InlineData(new long[] { S - 10, E + 10 }, true)]
    [InlineData(new long[] { S + 10, S + 20 }, true)]
    [InlineData(new long[] { 0, S - 1, E + 1, E + 2 }, false)]
    [InlineData(new long[] { 0, S - 1, E, E + 2 }, true)]
    [InlineData(new long[] { E }, true)]
    [InlineData(new long[] { E + 1 }, false)]
    [InlineData(new long[] { 0 }, true)]
    [InlineData(new long[] { 0, 5, E + 1 }, false)]
    [InlineData(new long[] { 0, S, E + 1 }, true)]
    public void RelationshipActiveOn_is_true_when_a_period_overlaps_the_day_with_an_open_period_running_to_its_end(long[] periods, bool expected)
    {
        Assert.Equal(expected, ActivityRules.RelationshipActiveOn(periods, Day));
    }
}
