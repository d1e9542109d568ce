using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;

namespace Depc.Core.Tests.Planning;

public sealed class BatchPlannerTests
{
    private const long Now = 1_700_000_000;
    private static readonly TeamName Team = TeamName.Parse("acme");

    [Fact]
    public void Plan_folds_node_properties_so_the_last_non_null_from_and_to_win()
    {
        GraphMessage[] messages =
        [
            new(new NodeSpec("Server", "s1", 10, 100)),
            new(new NodeSpec("Server", "s1", 20, null)),
            new(new NodeSpec("Server", "s1")),
            new(new NodeSpec("Server", "s1", null, 300)),
            new(new NodeSpec("Server", "s1")),
        ];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        var group = Assert.Single(plan.Nodes);
        Assert.Equal("Server", group.Label);
        Assert.Equal(new NodeUpsert("s1", 20, 300), Assert.Single(group.Nodes));
        Assert.Equal(5, plan.MessageCount);
        Assert.Equal(1, plan.NodeCount);
        Assert.Empty(plan.Relationships);
    }

    [Fact]
    public void Plan_keeps_a_node_without_properties_as_an_upsert_with_nulls()
    {
        var plan = BatchPlanner.Plan(Team, [new(new NodeSpec("A", "a"))], Now);

        Assert.Equal(new NodeUpsert("a", null, null), Assert.Single(Assert.Single(plan.Nodes).Nodes));
    }

    [Fact]
    public void Plan_folds_target_properties_into_the_same_node_as_a_source_of_the_same_label_and_name()
    {
        GraphMessage[] messages =
        [
            new(new NodeSpec("A", "x", 1, null), new NodeSpec("B", "y", 5, 6)),
            new(new NodeSpec("B", "y", null, 9), new NodeSpec("A", "x", 2, null)),
        ];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        Assert.Equal(["A", "B"], plan.Nodes.Select(g => g.Label));
        Assert.Equal(new NodeUpsert("x", 2, null), Assert.Single(plan.Nodes[0].Nodes));
        Assert.Equal(new NodeUpsert("y", 5, 9), Assert.Single(plan.Nodes[1].Nodes));
    }

    [Fact]
    public void Plan_lets_the_target_win_when_a_message_links_a_node_to_itself()
    {
        var plan = BatchPlanner.Plan(Team, [new(new NodeSpec("A", "x", 1, 2), new NodeSpec("A", "x", 3, null))], Now);

        Assert.Equal(new NodeUpsert("x", 3, 2), Assert.Single(Assert.Single(plan.Nodes).Nodes));
        var rel = Assert.Single(Assert.Single(plan.Relationships).Relationships);
        Assert.Equal(("x", "x"), (rel.SourceName, rel.TargetName));
    }

    [Fact]
    public void Plan_distinguishes_nodes_by_label_and_by_case_sensitive_name()
    {
        GraphMessage[] messages = [new(new NodeSpec("A", "x")), new(new NodeSpec("B", "x")), new(new NodeSpec("A", "X")), new(new NodeSpec("A", "x", 4))];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        Assert.Equal(3, plan.NodeCount);
        Assert.Equal(["x", "X"], plan.Nodes.Single(g => g.Label == "A").Nodes.Select(n => n.Name));
        Assert.Equal(4, plan.Nodes.Single(g => g.Label == "A").Nodes[0].From);
    }

    [Fact]
    public void Plan_groups_nodes_by_label_in_order_of_first_appearance()
    {
        GraphMessage[] messages = [new(new NodeSpec("Z", "1"), new NodeSpec("A", "2")), new(new NodeSpec("M", "3")), new(new NodeSpec("Z", "4"))];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        Assert.Equal(["Z", "A", "M"], plan.Nodes.Select(g => g.Label));
        Assert.Equal(["1", "4"], plan.Nodes[0].Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Plan_keeps_relationship_events_in_message_order_with_their_message_indexes()
    {
        var a = new NodeSpec("Website", "w");
        var b = new NodeSpec("Server", "s");
        GraphMessage[] messages =
        [
            new(a, b, new RelSpec(10, null)),
            new(new NodeSpec("Other", "o")),
            new(a, b, new RelSpec(null, 20)),
            new(a, b, new RelSpec(40, 30)),
            new(a, b, new RelSpec(50, 60)),
        ];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        var group = Assert.Single(plan.Relationships);
        Assert.Equal(("Website", "Server"), (group.SourceLabel, group.TargetLabel));
        var rel = Assert.Single(group.Relationships);
        Assert.Equal(("w", "s"), (rel.SourceName, rel.TargetName));
        Assert.Equal([new PlannedEvent(0, 10, null), new PlannedEvent(2, null, 20), new PlannedEvent(3, 40, 30), new PlannedEvent(4, 50, 60)], rel.Events);
        Assert.Equal(1, plan.RelationshipCount);
    }

    [Fact]
    public void Plan_turns_a_target_without_rel_or_with_an_empty_rel_into_from_now()
    {
        var a = new NodeSpec("A", "a");
        var b = new NodeSpec("B", "b");

        var plan = BatchPlanner.Plan(Team, [new(a, b), new(a, b, new RelSpec(null, null))], Now);

        Assert.Equal([new PlannedEvent(0, Now, null), new PlannedEvent(1, Now, null)], plan.Relationships[0].Relationships[0].Events);
    }

    [Fact]
    public void Plan_makes_no_event_for_a_message_without_target()
    {
        var plan = BatchPlanner.Plan(Team, [new(new NodeSpec("A", "a"), null, new RelSpec(1, 2))], Now);

        Assert.Empty(plan.Relationships);
        Assert.Equal(0, plan.RelationshipCount);
    }

    [Fact]
    public void Plan_groups_relationships_by_source_and_target_label_and_keeps_directions_apart()
    {
        var w1 = new NodeSpec("Website", "w1");
        var w2 = new NodeSpec("Website", "w2");
        var s1 = new NodeSpec("Server", "s1");
        GraphMessage[] messages = [new(w1, s1), new(w2, s1), new(s1, w1), new(w1, s1, new RelSpec(null, 5)), new(w1, w2)];

        var plan = BatchPlanner.Plan(Team, messages, Now);

        Assert.Equal([("Website", "Server"), ("Server", "Website"), ("Website", "Website")], plan.Relationships.Select(g => (g.SourceLabel, g.TargetLabel)));
        var websiteToServer = plan.Relationships[0].Relationships;
        Assert.Equal([("w1", "s1"), ("w2", "s1")], websiteToServer.Select(r => (r.SourceName, r.TargetName)));
        Assert.Equal([0, 3], websiteToServer[0].Events.Select(e => e.MessageIndex));
        Assert.Equal(4, plan.RelationshipCount);
        Assert.Equal(3, plan.NodeCount);
    }

    [Fact]
    public void Plan_of_no_messages_is_empty()
    {
        var plan = BatchPlanner.Plan(Team, [], Now);

        Assert.Equal(Team, plan.Team);
        Assert.Equal(0, plan.MessageCount);
        Assert.Empty(plan.Nodes);
        Assert.Empty(plan.Relationships);
    }
}
