namespace Depc.Server.Status;

/// <summary>Whether this server consumes Kafka (<c>Depc:Kafka:BootstrapServers</c> set), for status and readiness.</summary>
internal sealed record KafkaPresence(bool Enabled)
{
    public static KafkaPresence From(IConfiguration configuration) =>
        new(!string.IsNullOrWhiteSpace(configuration["Depc:Kafka:BootstrapServers"]));
}
