using Depc.Testing.Kafka;

namespace Depc.Delivery.Tests.Support;

/// <summary>One librdkafka mock cluster for the collection: it lives in the test process, the children connect to it.</summary>
public sealed class KafkaCluster : IDisposable
{
    public MockKafkaCluster Cluster { get; } = new(brokers: 1);

    public string BootstrapServers => Cluster.BootstrapServers;

    public void Dispose() => Cluster.Dispose();
}

/// <summary>The delivery tests run one at a time: each drives child processes and a cluster, and the machine is small.</summary>
[CollectionDefinition(Name)]
public sealed class DeliveryTests : ICollectionFixture<KafkaCluster>
{
    public const string Name = "delivery";
}
