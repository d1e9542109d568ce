using Depc.Core.Storage;
using Depc.Kafka;
using Depc.Kafka.Consuming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Depc.Bench.Kafka;

/// <summary>The real Kafka ingestion worker on a given store, as <c>depc serve</c> wires it, for one topic of the mock cluster.</summary>
internal sealed class BenchWorkerHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IGraphStore _store;

    public BenchWorkerHost(IGraphStore store, string bootstrap, string groupId, string topic)
    {
        _store = store;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(store);
        services.AddSingleton(TimeProvider.System);
        services.AddDepcKafka(new ConfigurationBuilder().Build(), o =>
        {
            o.BootstrapServers = bootstrap;
            o.GroupId = groupId;
            o.TopicPattern = "^" + System.Text.RegularExpressions.Regex.Escape(topic) + "$";
            // The default 1 s would only delay the last commit the benchmark waits for.
            o.CommitInterval = TimeSpan.FromMilliseconds(100);
        });
        _provider = services.BuildServiceProvider();
        Worker = _provider.GetRequiredService<KafkaIngestionWorker>();
    }

    public KafkaIngestionWorker Worker { get; }

    /// <summary>The team's counts as the store keeps them with each write.</summary>
    public TeamCounts Counts(Depc.Core.Naming.TeamName team) => _store.ReadTeamCountsAsync(team, CancellationToken.None).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
