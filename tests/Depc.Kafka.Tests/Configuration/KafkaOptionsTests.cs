using Confluent.Kafka;
using Depc.Kafka.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Depc.Kafka.Tests.Configuration;

public sealed class KafkaOptionsTests
{
    [Fact]
    public void Defaults_follow_the_spec_and_keep_offsets_under_the_writer_control()
    {
        var options = new KafkaOptions { BootstrapServers = "b:9092" };
        var config = options.BuildConsumerConfig();
        Assert.Equal(@"^depc\.[A-Za-z0-9-]+$", options.TopicPattern);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal("depc", config.GroupId);
        // Timestamps are each message's "now"; headers are never read: not marshalled per message.
        Assert.Equal("topic,timestamp", config.Get(ConfigPropertyNames.Consumer.ConsumeResultFields));
        // A restart after a crash gets its partitions back within seconds, not after librdkafka's 45 s.
        Assert.Equal((6000, 1000), (config.SessionTimeoutMs, config.HeartbeatIntervalMs));
        Assert.Null(config.GroupInstanceId);
    }

    [Fact]
    public void Static_membership_and_the_group_timing_are_settings()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "b:9092",
            GroupInstanceId = "depc-1",
            SessionTimeout = TimeSpan.FromSeconds(30),
            GroupHeartbeatInterval = TimeSpan.FromSeconds(3),
        };
        var config = options.BuildConsumerConfig();

        Assert.Equal(("depc-1", 30_000, 3_000), (config.GroupInstanceId, config.SessionTimeoutMs, config.HeartbeatIntervalMs));
        Assert.Contains("instance=depc-1", options.ToString(), StringComparison.Ordinal);
        var invalid = new KafkaOptionsValidator().Validate(null, new KafkaOptions { BootstrapServers = "b:9092", GroupHeartbeatInterval = TimeSpan.FromSeconds(6) });
        Assert.Contains("GroupHeartbeatInterval must be shorter than SessionTimeout", string.Join(";", invalid.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_from_configuration_with_security_and_never_shows_the_password()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Depc:Kafka:BootstrapServers"] = "k1:9093,k2:9093",
            ["Depc:Kafka:SecurityProtocol"] = "SaslSsl",
            ["Depc:Kafka:SaslMechanism"] = "ScramSha512",
            ["Depc:Kafka:SaslUsername"] = "depc",
            ["Depc:Kafka:SaslPassword"] = "s3cr3t-pw",
            ["Depc:Kafka:SslCaLocation"] = "/etc/ssl/ca.pem",
            ["Depc:Kafka:ClientId"] = "depc-prod",
            ["Depc:Kafka:MaxBatchDelay"] = "00:00:00.5",
            ["Depc:Kafka:Client:ssl.endpoint.identification.algorithm"] = "https",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddDepcKafka(configuration).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
        Assert.True(configuration.IsKafkaConfigured());

        var config = options.BuildConsumerConfig();
        Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
        Assert.Equal("s3cr3t-pw", config.SaslPassword);
        Assert.Equal("/etc/ssl/ca.pem", config.SslCaLocation);
        Assert.Equal("depc-prod", config.ClientId);
        Assert.Equal("https", config.Get("ssl.endpoint.identification.algorithm"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.MaxBatchDelay);
        Assert.DoesNotContain("s3cr3t-pw", options.ToString(), StringComparison.Ordinal);
        Assert.Equal("s3cr3t-pw", options.BuildProducerConfig().SaslPassword);
    }

    [Fact]
    public void Invalid_settings_fail_at_start_with_every_reason()
    {
        var options = new KafkaOptions
        {
            TopicPattern = "depc.*",
            MaxBatchMessages = 0,
            MaxWriteMessages = -1,
            MaxWriteBytes = 0,
            SecurityProtocol = SecurityProtocol.SaslSsl,
            MaxBatchDelay = TimeSpan.Zero,
        };
        var result = new KafkaOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("BootstrapServers", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("TopicPattern", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxBatchMessages", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxBatchDelay", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxWriteMessages", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("MaxWriteBytes", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("SASL", StringComparison.Ordinal));
        Assert.True(new KafkaOptionsValidator().Validate(null, new KafkaOptions { BootstrapServers = "b:1" }).Succeeded);
    }

    [Fact]
    public void A_cooperative_assignment_strategy_is_refused_at_start()
    {
        var cooperative = new KafkaOptions { BootstrapServers = "b:1" };
        cooperative.Client["partition.assignment.strategy"] = "cooperative-sticky";
        var eager = new KafkaOptions { BootstrapServers = "b:1" };
        eager.Client["partition.assignment.strategy"] = "roundrobin";

        var refused = new KafkaOptionsValidator().Validate(null, cooperative);

        Assert.True(refused.Failed);
        Assert.Contains(refused.Failures!, f => f.Contains("partition.assignment.strategy", StringComparison.Ordinal));
        Assert.True(new KafkaOptionsValidator().Validate(null, eager).Succeeded);
    }
}
