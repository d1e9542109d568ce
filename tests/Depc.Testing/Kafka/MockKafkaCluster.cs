using System.Runtime.InteropServices;
using System.Text;
using static Depc.Testing.Kafka.MockClusterNative;

namespace Depc.Testing.Kafka;

/// <summary>
/// librdkafka's in-process mock Kafka cluster: brokers on 127.0.0.1 that speak the real protocol,
/// for tests, benchmarks and demos. Any client connects to <see cref="BootstrapServers"/>; the
/// cluster lives until this object is disposed. Memory only: each partition keeps only a few MiB.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const int ProducerType = 0;
    private readonly Lock _lock = new();
    private IntPtr _handle;
    private IntPtr _cluster;

    public MockKafkaCluster(int brokers = 1, bool fastRebalance = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brokers);
        EnsureLoaded();
        var errors = new byte[512];
        var conf = rd_kafka_conf_new();
        // The handle only does the cluster's bookkeeping; keep it quiet.
        _ = rd_kafka_conf_set(conf, "log_level", "0", errors, (UIntPtr)errors.Length);
        _handle = rd_kafka_new(ProducerType, conf, errors, (UIntPtr)errors.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_new failed: " + Text(errors));
        }

        _cluster = rd_kafka_mock_cluster_new(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(_handle);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        }

        if (fastRebalance)
        {
            // A new group otherwise waits ~3 s before its first assignment.
            rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        }

        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))
            ?? throw new InvalidOperationException("mock cluster has no bootstrap address");
        Brokers = brokers;
    }

    /// <summary>The address to give clients, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string BootstrapServers { get; }

    public int Brokers { get; }

    /// <summary>Creates a topic with the given number of partitions (replication 1).</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Check(rd_kafka_mock_topic_create(Cluster(), topic, partitions, 1), "topic_create " + topic);
    }

    /// <summary>Takes a broker down: its connections are closed and it refuses new ones.</summary>
    public void SetBrokerDown(int brokerId = 1) => Check(rd_kafka_mock_broker_set_down(Cluster(), brokerId), "broker_set_down");

    public void SetBrokerUp(int brokerId = 1) => Check(rd_kafka_mock_broker_set_up(Cluster(), brokerId), "broker_set_up");

    public void Dispose()
    {
        lock (_lock)
        {
            if (_cluster != IntPtr.Zero)
            {
                rd_kafka_mock_cluster_destroy(_cluster);
                _cluster = IntPtr.Zero;
            }

            if (_handle != IntPtr.Zero)
            {
                rd_kafka_destroy(_handle);
                _handle = IntPtr.Zero;
            }
        }
    }

    public override string ToString() => "mock Kafka cluster at " + BootstrapServers;

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_{what} failed with error {error}");
        }
    }

    private static string Text(byte[] bytes)
    {
        var end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
    }

    private IntPtr Cluster()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }
}
