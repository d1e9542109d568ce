using Depc.Core.Periods;

namespace Depc.Core.Tests.Support;

/// <summary>Builds and compares relationship states (records holding arrays compare by reference).</summary>
internal static class States
{
    public static RelationshipState Of(LastState last, params long[] periods) => new(periods, last, periods[^1]);

    public static void AssertEqual(RelationshipState? expected, RelationshipState? actual)
    {
        Assert.Equal(Describe(expected), Describe(actual));
    }

    public static string Describe(RelationshipState? state) => state?.ToString() ?? "(none)";

    /// <summary>The invariants every state produced by the table keeps.</summary>
    public static void AssertWellFormed(RelationshipState state)
    {
        Assert.NotEmpty(state.Periods);
        for (var i = 1; i < state.Periods.Length; i++)
        {
            Assert.True(state.Periods[i - 1] < state.Periods[i], $"periods must increase: {state}");
        }

        Assert.Equal(state.Periods[^1], state.LastTs);
        Assert.Equal(state.IsOpen ? LastState.From : LastState.To, state.LastState);
    }
}
