using System.Text.Encodings.Web;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Kafka;
using Depc.Kafka.Configuration;
using Depc.Kafka.Telemetry;
using Depc.Server.Auth;
using Depc.Server.Demo;
using Depc.Server.Ingestion;
using Depc.Server.Instances;
using Depc.Server.Operations;
using Depc.Server.Options;
using Depc.Server.Rejections;
using Depc.Server.Status;
using Depc.Server.Stores;
using Depc.Server.Teams;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Depc.Server;

internal static class ServerServices
{
    public static IServiceCollection AddDepcServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection(ServerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Registered with TryAdd so a test (or an embedding host) may put its own before. The spec is parsed once
        // (the options validation has checked it), and the graph store and the team backend both follow it.
        services.TryAddSingleton(sp => StoreSpec.Parse(sp.GetRequiredService<IOptions<ServerOptions>>().Value.Store));
        services.TryAddSingleton(sp => OpenStore(sp.GetRequiredService<StoreSpec>(), configuration, sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ServerOptions>>().Value;
            return TeamBackends.For(
                sp.GetRequiredService<IGraphStore>(), sp.GetRequiredService<StoreSpec>(), options.TeamsDatabase, options.RejectionRetention, sp.GetRequiredService<ILogger<TeamRegistry>>());
        });
        services.TryAddSingleton<ITeamCredentialStore>(sp => sp.GetRequiredService<ITeamBackend>());
        services.TryAddSingleton<IRejectionLog>(sp => sp.GetRequiredService<ITeamBackend>());
        services.TryAddSingleton<TeamRegistry>();
        services.AddHostedService<StoreInitializer>();
        services.TryAddSingleton<DemoSignIn>();
        if (configuration.GetValue<bool>("Depc:" + nameof(ServerOptions.Demo)))
        {
            // After the store is initialized; before the server listens.
            services.AddHostedService<DemoSeeder>();
        }

        services.AddOptions<IngestLimits>().Bind(configuration.GetSection(IngestLimits.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestLimits>, LimitsSettings>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<IngestLimits>>().Value);
        services.TryAddSingleton(sp => new MessageDecoder(sp.GetRequiredService<IOptions<ServerOptions>>().Value.MaxMessageBytes, sp.GetRequiredService<IngestLimits>()));
        services.TryAddSingleton<StoreHealth>();
        services.TryAddSingleton(sp => new FeedRecording(sp.GetRequiredService<IOptions<ServerOptions>>().Value.RejectionRetention));

        // HTTP writes retry a store-wide failure briefly (a lock, a deadlock between writers, a Neo4j leader change: a
        // few seconds), then answer 503 with Retry-After: the client holds the messages and retries with its Idempotency-Key.
        services.TryAddSingleton(sp => new IngestPipeline(
            sp.GetRequiredService<IGraphStore>(),
            sp.GetRequiredService<MessageDecoder>(),
            new StoreRetry(
                new StoreRetryOptions { Attempts = 8, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<StoreHealth>(),
                new HttpStoreRetryLog(sp.GetRequiredService<ILogger<HttpIngestion>>()))));
        services.AddOptions<RejectionFeedOptions>().Bind(configuration.GetSection(RejectionFeedOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RejectionFeed>();
        services.TryAddSingleton<IRejectionSink>(sp => sp.GetRequiredService<RejectionFeed>());
        services.AddHostedService<RejectionFeedWriter>();
        services.TryAddSingleton<HttpIngestion>();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>, KestrelLimits>();
        services.AddTeamIngestLimits();

        var kafka = KafkaPresence.From(configuration);
        services.AddSingleton(kafka);
        var health = services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [Apis.OperationsApi.ReadyTag]);
        if (kafka.Enabled)
        {
            // After the rejection sink above: the consumer reports into the team feeds.
            services.AddDepcKafka(configuration);
            health.AddCheck<ConsumerHealthCheck>("kafka-consumer", tags: [Apis.OperationsApi.ReadyTag]);
            if (configuration.GetValue<bool>("Depc:" + nameof(ServerOptions.CreateTeamTopics)))
            {
                services.AddSingleton<ITeamTopicCreator>(sp => new KafkaTopicCreator(sp.GetRequiredService<IOptions<KafkaOptions>>().Value));
            }
        }

        services.TryAddSingleton<ITeamTopicCreator, NoTopicCreator>();
        services.TryAddSingleton(InstanceIdentity.From(configuration));
        services.AddHostedService<InstanceBeatWriter>();
        services.AddMetrics();
        services.TryAddSingleton<IConsumerLagSource, NoConsumerLag>();
        services.TryAddSingleton<DepcMetrics>();

        services.AddDepcAuth();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();

        // The same bytes as the CLI's JSON (node names keep '&', '<', '+' readable); answers are application/json only.
        // A key twice in a request body is refused, as in a message (SPEC §3), instead of the last one winning.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            json.SerializerOptions.AllowDuplicateProperties = false;
        });

        // A body or parameter the framework cannot bind reaches ProblemExceptionHandler, whose 400 says what was wrong,
        // instead of an empty 400 (outside Development the framework only logs it).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddDepcTelemetry(configuration);
        return services;
    }

    // Opened once, when first needed (StoreInitializer, at start); the DI factory cannot await.
    private static IGraphStore OpenStore(StoreSpec spec, IConfiguration configuration, ILoggerFactory loggers) =>
        StoreLocator.OpenAsync(spec, configuration, CancellationToken.None, loggers).GetAwaiter().GetResult();
}
