using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Neo4j.Tests.Support;
using Xunit.Abstractions;

namespace Depc.Neo4j.Tests;

[Collection(Neo4jServerGroup.Name)]
public sealed class StoreTests(Neo4jServerFixture fixture, ITestOutputHelper output) : StoreTestBase(fixture)
{
    [Fact]
    public async Task Several_events_for_one_relationship_in_one_batch_follow_the_period_table()
    {
        var team = TestTeams.New();
        var result = await ApplyAsync(
            team,
            Rel("a", "b", 10, null),
            Rel("a", "b", 20, null),    // already open: duplicate
            Rel("a", "b", null, 30),
            Rel("a", "b", null, 25),    // closed: rejected
            Rel("a", "b", null, 30),    // replay of the tail: duplicate
            Rel("a", "b", 40, 50));
        Assert.Equal(
            [MessageOutcome.Accepted, MessageOutcome.Duplicate, MessageOutcome.Accepted, MessageOutcome.Rejected, MessageOutcome.Duplicate, MessageOutcome.Accepted],
            result.Outcomes);
        Assert.Equal(3, Assert.Single(result.Rejections).MessageIndex);

        var neighbour = Assert.Single(await Store.GetNeighboursAsync(team, "Server", "a", Direction.Dependencies, None));
        Assert.Equal("b", neighbour.Node.Name);
        Assert.Equal([10L, 30, 40, 50], neighbour.Periods);

        // The same events again, in a later batch, change nothing.
        var replay = await ApplyAsync(team, Rel("a", "b", 40, 50), Rel("a", "b", null, 50));
        Assert.Equal([MessageOutcome.Duplicate, MessageOutcome.Duplicate], replay.Outcomes);
    }

    [Fact]
    public async Task A_refused_first_event_leaves_no_relationship_but_the_nodes()
    {
        var team = TestTeams.New();
        var result = await ApplyAsync(team, Rel("a", "b", null, 30), Rel("c", "d", 50, 40));
        Assert.Equal([MessageOutcome.Rejected, MessageOutcome.Rejected], result.Outcomes);
        Assert.Equal(0, await Store.CountDependenciesAsync(team, "Server", "a", None));
        Assert.Equal(0, await Store.CountDependenciesAsync(team, "Server", "c", None));
        Assert.Equal([new LabelCount("Server", 4)], await Store.GetLabelsAsync(team, None));
    }

    [Fact]
    public async Task Node_bounds_overwrite_and_absent_ones_are_kept()
    {
        var team = TestTeams.New();
        await ApplyAsync(team, new GraphMessage(new NodeSpec("Server", "a", 5, 100)));
        await ApplyAsync(team, new GraphMessage(new NodeSpec("Server", "a", null, 200)), new GraphMessage(new NodeSpec("Cluster", "k")));
        var node = await Store.GetNodeAsync(team, "Server", "a", None);
        Assert.Equal((5L, 200L), (node!.From!.Value, node.To!.Value));
        Assert.Equal("Server", node.Label);
        Assert.Null((await Store.GetNodeAsync(team, "Cluster", "k", None))!.From);
        Assert.Null(await Store.GetNodeAsync(team, "Server", "missing", None));
        Assert.Equal([new LabelCount("Cluster", 1), new LabelCount("Server", 1)], await Store.GetLabelsAsync(team, None));
    }

    [Fact]
    public async Task Teams_never_see_each_other()
    {
        var acme = TestTeams.New("acme");
        var other = TestTeams.New("other");
        await ApplyAsync(acme, Rel("a", "b", 1, null));
        Assert.Empty(await Store.GetLabelsAsync(other, None));
        Assert.Null(await Store.GetNodeAsync(other, "Server", "a", None));
        Assert.Null(await Store.GetImpactSubgraphAsync(other, "Server", "b", None));
    }

    [Fact]
    public async Task Node_names_are_sorted_filtered_limited_or_random()
    {
        var team = TestTeams.New();
        await ApplyAsync(team, [.. new[] { "web-2", "db-1", "Web-3", "web-1" }.Select(n => new GraphMessage(new NodeSpec("Server", n)))]);
        Assert.Equal(["Web-3", "db-1", "web-1", "web-2"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(), None));
        Assert.Equal(["web-1", "web-2"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery("web"), None));
        Assert.Equal(["Web-3"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: 1), None));
        var random = await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: 3, Random: true), None);
        Assert.Equal(3, random.Distinct().Count());
    }

    [Fact]
    public async Task Node_names_with_the_largest_limit_are_all_listed()
    {
        // `depc query nodes` without --limit used to send LIMIT 2147483647, which Neo4j 3.1 refuses with
        // "Requested array size exceeds VM limit" (its top-N sort allocates the whole limit up front).
        var team = TestTeams.New();
        await ApplyAsync(team, [.. new[] { "b", "a", "c" }.Select(n => new GraphMessage(new NodeSpec("Server", n)))]);
        Assert.Equal(["a", "b", "c"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: int.MaxValue), None));
        Assert.Equal(["a", "b"], await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: 2), None));
        var random = await Store.GetNodeNamesAsync(team, "Server", new NodeListQuery(Limit: int.MaxValue, Random: true), None);
        Assert.Equal(["a", "b", "c"], random.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delete_is_refused_while_relationships_remain_unless_detached()
    {
        var team = TestTeams.New();
        await ApplyAsync(team, Rel("a", "b", 1, null));
        Assert.Equal(DeleteOutcome.HasRelationships, await Store.DeleteNodeAsync(team, "Server", "b", detach: false, None));
        Assert.Equal(DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "Server", "b", detach: true, None));
        Assert.Equal(DeleteOutcome.Deleted, await Store.DeleteNodeAsync(team, "Server", "a", detach: false, None));
        Assert.Equal(DeleteOutcome.NotFound, await Store.DeleteNodeAsync(team, "Server", "a", detach: false, None));
    }

    [Fact]
    public async Task Heartbeat_is_written_and_read()
    {
        await Store.WriteHeartbeatAsync(1_700_000_123, None);
        Assert.Equal(1_700_000_123, await Store.ReadHeartbeatAsync(None));
    }

    [Fact]
    public async Task Impact_of_a_diamond_graph_visits_each_node_and_edge_once()
    {
        // 30 layers of 10 nodes, each depending on every node of the next layer: 10^29 paths from the top.
        var team = TestTeams.New();
        var messages = new List<GraphMessage>();
        for (var layer = 0; layer < 30; layer++)
        {
            for (var i = 0; i < 10; i++)
            {
                var target = layer == 29 ? new[] { "root" } : Enumerable.Range(0, 10).Select(j => $"n{layer + 1}-{j}").ToArray();
                messages.AddRange(target.Select(t => new GraphMessage(new NodeSpec("Server", $"n{layer}-{i}"), new NodeSpec("Server", t), new RelSpec(1, null))));
            }
        }

        messages = [.. messages.Select(m => m.Target!.Name == "root" ? m with { Target = new NodeSpec("Db", "root") } : m)];
        Assert.Equal(0, (await ApplyAsync(team, [.. messages])).Rejected);

        // Cost follows the reachable subgraph, not the 10^29 paths: one query for the node, then one per layer of
        // dependents (30 layers, and the empty one after the last), each node and edge met once. Counted in requests,
        // not timed: the benchmark measures speed (elapsed time is only printed, for a reader).
        using var counting = new CountingHandler();
        await using var store = new Neo4jGraphStore(Store.Connection, counting);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var impact = await store.GetImpactSubgraphAsync(team, "Db", "root", None);
        output.WriteLine($"impact on the diamond: {started.Elapsed.TotalMilliseconds:F0} ms, {counting.Posts} requests");
        Assert.Equal(1 + 31, counting.Posts);
        Assert.Equal(300, impact!.Nodes.Count);
        Assert.Equal(10 + (29 * 100), impact.Edges.Count);
        Assert.Equal(impact.Edges.Count, impact.Edges.Select(e => (e.DependentId, e.DependencyId)).Distinct().Count());
        Assert.Equal("Db", impact.Root.Label);
        Assert.Null(await Store.GetImpactSubgraphAsync(team, "Db", "nothing", None));
    }

    [Fact]
    public async Task Concurrent_writers_of_one_relationship_lose_no_event()
    {
        // Two instances (as two Kafka partitions would) send alternating from/to events; each batch must see the other's.
        var team = TestTeams.New();
        await ApplyAsync(team, Rel("a", "b", 1, null));
        await using var other = Neo4jGraphStore.Create(Store.Connection);
        var accepted = 0;
        var tasks = new[] { Store, other }.Select(async (store, s) =>
        {
            for (var k = 0; k < 20; k++)
            {
                var ts = 10 + (((k * 2) + s) * 10);
                var plan = Core.Planning.BatchPlanner.Plan(team, [Rel("a", "b", ts + 5, ts)], Now);
                while (true)
                {
                    try
                    {
                        var result = await store.ApplyAsync(plan, None);
                        Interlocked.Add(ref accepted, result.Accepted);
                        break;
                    }
                    catch (Neo4jException e) when (e.IsTransient)
                    {
                    }
                }
            }
        });
        await Task.WhenAll(tasks);

        // Every accepted event appended two values to the one relationship: none was overwritten.
        var neighbour = Assert.Single(await Store.GetNeighboursAsync(team, "Server", "a", Direction.Dependencies, None));
        Assert.Equal(1 + (2 * accepted), neighbour.Periods.Length);
    }

    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _posts;

        public int Posts => _posts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Interlocked.Increment(ref _posts);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
