using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;

namespace Depc.Server.Teams;

/// <summary>
/// Creates <c>depc.&lt;team&gt;</c> with the broker's default partitions and replication, using the
/// <c>Depc:Kafka</c> connection settings; an existing topic is fine.
/// </summary>
public sealed class KafkaTopicCreator(KafkaOptions options) : ITeamTopicCreator
{
    public async Task<string?> CreateTopicAsync(TeamName team, CancellationToken cancellationToken)
    {
        var config = new AdminClientConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            SecurityProtocol = options.SecurityProtocol,
            SaslMechanism = options.SaslMechanism,
            SaslUsername = options.SaslUsername,
            SaslPassword = options.SaslPassword,
            SslCaLocation = options.SslCaLocation,
        };
        foreach (var (key, value) in options.Client)
        {
            config.Set(key, value);
        }

        using var admin = new AdminClientBuilder(config).Build();
        try
        {
            // -1: the broker's defaults (num.partitions, default.replication.factor).
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = team.Topic, NumPartitions = -1, ReplicationFactor = -1 }],
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(30) }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.TrueForAll(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Already there: a team re-created after a delete keeps its topic.
        }

        return team.Topic;
    }
}
