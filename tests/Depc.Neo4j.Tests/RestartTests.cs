using Depc.Core.Messages;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>Kills a server of its own in the middle of a batch and checks the transient-error path end to end.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_batch_cut_by_a_crash_is_retried_after_restart_with_nothing_lost_or_applied_twice()
    {
        await using var server = await Neo4jTestServer.StartAsync();
        using var crash = new KillAfterBeginHandler(server);
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse(server.StoreSpec, _ => null), crash);
        var team = TestTeams.New();

        var messages = Enumerable.Range(0, 2_000)
            .Select(i => new GraphMessage(new NodeSpec("Server", $"s{i}"), new NodeSpec("Cluster", $"c{i % 50}"), new RelSpec(100, null)))
            .ToList();
        var plan = BatchPlanner.Plan(team, messages, 1);
        await store.ApplyAsync(BatchPlanner.Plan(team, [messages[0]], 1), CancellationToken.None);

        crash.Armed = true;
        var failure = await Assert.ThrowsAsync<Neo4jException>(() => store.ApplyAsync(plan, CancellationToken.None));
        Assert.True(crash.Fired);
        Assert.True(failure.IsTransient, failure.Message);

        // Down: still transient.
        var down = await Assert.ThrowsAsync<Neo4jException>(() => store.ApplyAsync(plan, CancellationToken.None));
        Assert.True(down.IsTransient, down.Message);

        await server.RestartAsync();

        // The crash took the open transaction with it: nothing of the batch is half there.
        Assert.Equal([new LabelCount("Cluster", 1), new LabelCount("Server", 1)], await store.GetLabelsAsync(team, CancellationToken.None));
        BatchResult? result = null;
        for (var attempt = 0; result is null; attempt++)
        {
            try
            {
                result = await store.ApplyAsync(plan, CancellationToken.None);
            }
            catch (Neo4jException e) when (e.IsTransient && attempt < 20)
            {
                await Task.Delay(500);
            }
        }

        // The first message was written before the crash: its event is a replay. Everything else is new exactly once.
        Assert.Equal(MessageOutcome.Duplicate, result.Outcomes[0]);
        Assert.Equal(messages.Count - 1, result.Accepted);
        Assert.Equal([new LabelCount("Cluster", 50), new LabelCount("Server", 2_000)], await store.GetLabelsAsync(team, CancellationToken.None));
        var neighbours = await store.GetNeighboursAsync(team, "Cluster", "c7", Direction.Dependents, CancellationToken.None);
        Assert.Equal(40, neighbours.Count);
        Assert.All(neighbours, n => Assert.Equal([100L], n.Periods));
    }
}
