using Depc.Core.Activity;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Core.Tests.Queries;

public sealed class DependencyQueryTests
{
    private static readonly UtcDay Day = new(new DateOnly(2024, 1, 1));
    private static readonly long S = Day.Start;

    private static readonly GraphNode Root = new(1, "Server", "s1", 100, null);

    private static readonly Neighbour[] Neighbours =
    [
        new(new GraphNode(5, "Website", "w2", null, null), 50, []),
        new(new GraphNode(4, "Website", "w1", S, S + 10), 40, [S - 100, S]),
        new(new GraphNode(6, "Cluster", "c1", null, null), 60, [0, S - 1]),
        new(new GraphNode(7, "Server", "s0", Day.End + 1, null), 70, [S]),
        new(new GraphNode(8, "Server", "s2", null, null), 80, [0]),
    ];

    [Fact]
    public void Build_puts_the_node_first_under_its_label_and_leaves_inactive_neighbours_out()
    {
        var answer = DependencyQuery.Build(Root, Neighbours, Direction.Dependencies, Day, includeInactive: false);

        Assert.Equal(["Server", "Website"], answer.Dependencies.Keys);
        var servers = answer.Dependencies["Server"];
        Assert.Equal([("s1", 100L, (long?)null, false), ("s2", null, null, false)], servers.Select(e => (e.Name, e.From, e.To, e.Inactive)));
        Assert.Null(servers[0].Periods);
        Assert.Equal([0L], servers[1].Periods!);
        Assert.Equal(["w1", "w2"], answer.Dependencies["Website"].Select(e => e.Name));
        Assert.Equal(new long[] { S - 100, S }, answer.Dependencies["Website"][0].Periods);
        Assert.All(answer.Dependencies.Values.SelectMany(v => v), e => Assert.False(e.Inactive));
    }

    [Fact]
    public void Build_flags_inactive_neighbours_when_asked_to_include_them()
    {
        var answer = DependencyQuery.Build(Root, Neighbours, Direction.Dependencies, Day, includeInactive: true);

        Assert.Equal(["Cluster", "Server", "Website"], answer.Dependencies.Keys);
        Assert.True(Assert.Single(answer.Dependencies["Cluster"]).Inactive);
        Assert.Equal([("s1", false), ("s0", true), ("s2", false)], answer.Dependencies["Server"].Select(e => (e.Name, e.Inactive)));
        Assert.Equal(8 - 2, answer.Graph.Nodes.Count);
        Assert.Equal(5, answer.Graph.Relationships.Count);
    }

    [Fact]
    public void Build_flags_the_queried_node_itself_when_it_is_inactive_that_day()
    {
        var root = Root with { From = Day.End + 1 };

        var answer = DependencyQuery.Build(root, [], Direction.Dependencies, Day, includeInactive: false);

        Assert.True(Assert.Single(answer.Dependencies["Server"]).Inactive);
        Assert.Equal([new GraphViewNode(1, "Server", "s1")], answer.Graph.Nodes);
        Assert.Empty(answer.Graph.Relationships);
    }

    [Fact]
    public void Build_draws_relationships_from_the_node_to_its_dependencies()
    {
        var answer = DependencyQuery.Build(Root, Neighbours, Direction.Dependencies, Day, includeInactive: false);

        Assert.Equal(new GraphViewNode(1, "Server", "s1"), answer.Graph.Nodes[0]);
        Assert.Equal([1L, 8, 4, 5], answer.Graph.Nodes.Select(n => n.Id));
        Assert.Equal(
            [(80L, 1L, 8L), (40L, 1L, 4L), (50L, 1L, 5L)],
            answer.Graph.Relationships.Select(r => (r.Id, r.From, r.To)));
        Assert.Equal(new long[] { S - 100, S }, answer.Graph.Relationships[1].Periods);
    }

    [Fact]
    public void Build_reverses_the_drawn_relationships_for_dependents()
    {
        var answer = DependencyQuery.Build(Root, Neighbours, Direction.Dependents, Day, includeInactive: false);

        Assert.Equal(
            [(80L, 8L, 1L), (40L, 4L, 1L), (50L, 5L, 1L)],
            answer.Graph.Relationships.Select(r => (r.Id, r.From, r.To)));
    }

    [Fact]
    public void Build_marks_a_neighbour_inactive_when_either_the_link_or_the_node_is_inactive()
    {
        Neighbour[] neighbours =
        [
            new(new GraphNode(2, "A", "link-over", null, null), 1, [0, S - 1]),
            new(new GraphNode(3, "A", "node-gone", null, S - 1), 2, []),
            new(new GraphNode(4, "A", "both-fine", null, S), 3, [Day.End]),
        ];

        var answer = DependencyQuery.Build(Root, neighbours, Direction.Dependencies, Day, includeInactive: true);

        Assert.Equal([("both-fine", false), ("link-over", true), ("node-gone", true)], answer.Dependencies["A"].Select(e => (e.Name, e.Inactive)));
    }

    [Fact]
    public void Build_draws_a_self_dependency_without_drawing_the_node_twice()
    {
        var answer = DependencyQuery.Build(Root, [new(Root, 9, [])], Direction.Dependencies, Day, includeInactive: false);

        Assert.Single(answer.Graph.Nodes);
        Assert.Equal((9L, 1L, 1L), answer.Graph.Relationships.Select(r => (r.Id, r.From, r.To)).Single());
    }
}
