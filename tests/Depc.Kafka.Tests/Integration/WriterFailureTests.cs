using Depc.Core.Naming;
using Depc.Kafka.Tests.Support;
using Depc.Testing.Stores;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Integration;

[Collection(KafkaTests.Name)]
public sealed class WriterFailureTests(MockClusterFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_write_cancelled_by_something_else_than_the_worker_stops_the_worker_and_commits_nothing()
    {
        var prefix = TestNames.Prefix();
        var team = TeamName.Parse(prefix);
        var group = "g-" + prefix;
        kafka.Cluster.CreateTopic(team.Topic, 1);
        // e.g. a client timeout surfacing as TaskCanceledException: the writer task ends cancelled, not faulted.
        var store = new ScriptedStore { Failure = static () => new TaskCanceledException("the store client timed out") };
        await using var host = await WorkerHost.StartAsync(store, kafka.BootstrapServers, prefix, group, output);

        await KafkaTestClient.ProduceAsync(kafka.BootstrapServers, team.Topic, [((string?)null, """{"source": {"label": "Server", "name": "a"}}""")]);

        var stopped = host.Worker.ExecuteTask!;
        var completed = await Task.WhenAny(stopped, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(completed == stopped, "the worker went on consuming (and would hang at shutdown) after its writer stopped");
        Assert.True(stopped.IsFaulted, $"the worker ended {stopped.Status}, not as a failure");
        Assert.True(store.Calls >= 1);
        Assert.Empty(store.Applied);
        Assert.True(KafkaTestClient.Committed(kafka.BootstrapServers, group, team.Topic, 1)[0] <= 0);
        await host.StopAsync();
    }
}
