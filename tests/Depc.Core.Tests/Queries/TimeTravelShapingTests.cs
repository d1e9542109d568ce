using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Queries;

public sealed class TimeTravelShapingTests
{
    [Fact]
    public void History_sorts_by_direction_then_label_then_name_ordinally()
    {
        var node = new GraphNode(1, "Server", "s", 5, null);
        Neighbour N(string label, string name, params long[] periods) => new(new GraphNode(9, label, name, null, null), 0, periods);

        var history = NodeHistory.Build(node, [N("Rack", "r"), N("Power", "p", 1)], [N("Website", "b", 2, 3), N("Website", "B"), N("App", "z")]);

        Assert.Equal(new HistoryNode("Server", "s", 5, null), history.Node);
        Assert.Equal(
            ["in App z", "in Website B", "in Website b", "out Power p", "out Rack r"],
            history.Relationships.Select(r => $"{r.Direction} {r.Label} {r.Name}"));
        Assert.Equal([2L, 3], history.Relationships[2].Periods);
    }

    [Theory]
    [InlineData(5, 5, null, null, 0, null, "to")]
    [InlineData(6, 5, null, null, 0, null, "to")]
    [InlineData(-1, 5, null, null, 0, null, "from")]
    [InlineData(1, 5, null, "n", 0, null, "node")]
    [InlineData(1, 5, "L", "n", -1, null, "skip")]
    [InlineData(1, 5, "L", "n", 0, -1, "limit")]
    [InlineData(1, 5, "L", "n", 0, 3, null)]
    [InlineData(0, 1, null, null, 0, null, null)]
    public void A_diff_query_names_the_argument_that_breaks_its_rule(long from, long to, string? label, string? node, int skip, int? limit, string? argument) =>
        Assert.Equal(argument, new DiffQuery(from, to, label, node, skip, limit).Problem()?.Argument);

    [Fact]
    public void Diff_counts_a_relationship_held_twice_as_active_when_one_of_them_is()
    {
        var (a, b) = (new GraphNode(1, "A", "a", null, null), new GraphNode(2, "B", "b", null, null));
        var candidates = new ChangeCandidates([], [new CandidateRelationship(a, b, [0, 10]), new CandidateRelationship(a, b, [5])]);

        var diff = TimeDiff.Compute(candidates, new DiffQuery(8, 20));

        Assert.Empty(diff.Appeared.Relationships);
        Assert.Empty(diff.Disappeared.Relationships);
    }
}
