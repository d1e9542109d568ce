using Depc.Testing.Kafka;

namespace Depc.Kafka.Tests.Support;

/// <summary>One librdkafka mock cluster (real Kafka protocol over TCP) for the whole Kafka collection.</summary>
public sealed class MockClusterFixture : IDisposable
{
    public MockKafkaCluster Cluster { get; } = new(brokers: 1);

    public string BootstrapServers => Cluster.BootstrapServers;

    public void Dispose() => Cluster.Dispose();
}

[CollectionDefinition(Name)]
public sealed class KafkaTests : ICollectionFixture<MockClusterFixture>
{
    public const string Name = "kafka";
}
