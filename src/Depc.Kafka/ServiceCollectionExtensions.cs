using Depc.Core.Ingestion;
using Depc.Core.Storage;
using Depc.Kafka.Configuration;
using Depc.Kafka.Consuming;
using Depc.Kafka.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Depc.Kafka;

public static class ServiceCollectionExtensions
{
    /// <summary>True when <c>Depc:Kafka:BootstrapServers</c> is set, i.e. <c>depc serve</c> should consume Kafka.</summary>
    public static bool IsKafkaConfigured(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[KafkaOptions.SectionName + ":" + nameof(KafkaOptions.BootstrapServers)]);
    }

    /// <summary>
    /// Adds the Kafka ingestion service: <see cref="KafkaOptions"/> bound from <c>Depc:Kafka</c> and
    /// validated on start, then <paramref name="configure"/> (e.g. <c>--kafka-bootstrap</c>); the
    /// <see cref="KafkaIngestionWorker"/>; <see cref="StoreHealth"/>, <see cref="FeedRecording"/> (1,000 entries a team unless
    /// registered before), <see cref="IRejectionSink"/> (a no-op unless registered before), <see cref="IConsumerLagSource"/>
    /// and <see cref="DepcMetrics"/>.
    /// Needs an initialized <c>IGraphStore</c> and a <see cref="TimeProvider"/> in the container.
    /// </summary>
    public static IServiceCollection AddDepcKafka(this IServiceCollection services, IConfiguration configuration, Action<KafkaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KafkaOptions.SectionName);
        services.AddOptions<KafkaOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                foreach (var pair in section.GetSection(nameof(KafkaOptions.Client)).GetChildren())
                {
                    if (pair.Value is not null)
                    {
                        options.Client[pair.Key] = pair.Value;
                    }
                }

                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<StoreHealth>();
        services.TryAddSingleton(new FeedRecording(1_000));
        services.TryAddSingleton<IRejectionSink, NullRejectionSink>();
        services.TryAddSingleton<ConsumerLagTracker>();
        services.TryAddSingleton<IConsumerLagSource>(sp => sp.GetRequiredService<ConsumerLagTracker>());
        services.TryAddSingleton<DepcMetrics>();
        services.AddSingleton(sp => new KafkaIngestionWorker(
            sp.GetRequiredService<Core.Storage.IGraphStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<KafkaOptions>>(),
            sp.GetRequiredService<StoreHealth>(),
            sp.GetRequiredService<FeedRecording>(),
            sp.GetRequiredService<IRejectionSink>(),
            sp.GetRequiredService<DepcMetrics>(),
            sp.GetRequiredService<ConsumerLagTracker>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KafkaIngestionWorker>>(),
            sp.GetService<Core.Ingestion.IngestLimits>() ?? Core.Ingestion.IngestLimits.Default));
        services.AddHostedService(sp => sp.GetRequiredService<KafkaIngestionWorker>());
        return services;
    }
}
