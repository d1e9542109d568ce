using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Kafka.Configuration;
using Depc.Kafka.Consuming;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Depc.Kafka.Tests.Support;

/// <summary>Runs one <see cref="KafkaIngestionWorker"/> wired as <c>depc serve</c> wires it (AddDepcKafka).</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private WorkerHost(ServiceProvider provider, XunitLoggerProvider log)
    {
        _provider = provider;
        Log = log;
        Worker = provider.GetRequiredService<KafkaIngestionWorker>();
    }

    /// <summary>The worker's log, by event id.</summary>
    public XunitLoggerProvider Log { get; }

    public KafkaIngestionWorker Worker { get; }

    /// <summary>The team's counts as the store keeps them (the public status reads the same).</summary>
    public TeamCounts Counts(TeamName team) => _provider.GetRequiredService<IGraphStore>().ReadTeamCountsAsync(team, CancellationToken.None).GetAwaiter().GetResult();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<WorkerHost> StartAsync(
        IGraphStore store,
        string bootstrap,
        string prefix,
        string group,
        ITestOutputHelper? output = null,
        Action<KafkaOptions>? configure = null,
        IRejectionSink? sink = null,
        TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        var log = new XunitLoggerProvider(output);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Information);
            b.AddProvider(log);
        });
        services.AddSingleton(store);
        services.AddSingleton(time ?? new FixedClock());
        if (sink is not null)
        {
            services.AddSingleton(sink);
        }

        services.AddDepcKafka(new ConfigurationBuilder().Build(), o =>
        {
            o.BootstrapServers = bootstrap;
            o.GroupId = group;
            o.TopicPattern = TestNames.Pattern(prefix);
            o.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
            o.CommitInterval = TimeSpan.FromMilliseconds(200);
            o.TopicRefreshInterval = TimeSpan.FromMilliseconds(500);
            o.SessionTimeout = TimeSpan.FromSeconds(3);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        var host = new WorkerHost(services.BuildServiceProvider(), log);
        await host.Worker.StartAsync(CancellationToken.None);
        return host;
    }

    public Task StopAsync() => Worker.StopAsync(CancellationToken.None);

    /// <summary>Stops as a killed process would: no flush, no final commit, the group not left.</summary>
    public async Task CrashAsync()
    {
        Worker.Crash();
        await Worker.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
