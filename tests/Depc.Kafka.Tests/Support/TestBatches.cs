using System.Text;
using Confluent.Kafka;
using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Kafka.Consuming;

namespace Depc.Kafka.Tests.Support;

/// <summary>Cut batches built as the consume thread builds them (a <see cref="PartitionBuffer"/> per partition), without Kafka.</summary>
internal sealed class TestBatches : IDisposable
{
    private readonly Dictionary<(TeamName, int), PartitionBuffer> _buffers = [];
    private readonly Dictionary<(TeamName, int), long> _next = [];

    public PartitionState Partition(TeamName team, int partition) => Buffer(team, partition).State;

    /// <summary>The next batch of a partition: one message per payload, at the partition's next offsets.</summary>
    public PendingBatch Cut(TeamName team, int partition, params string[] payloads)
    {
        var buffer = Buffer(team, partition);
        var offset = _next.GetValueOrDefault((team, partition));
        foreach (var payload in payloads)
        {
            buffer.Add(new RawMessage(Encoding.UTF8.GetBytes(payload), MessageOrigin.Kafka(team.Topic, partition, offset), FixedClock.Default.ToUnixTimeSeconds()), 0);
            offset++;
        }

        _next[(team, partition)] = offset;
        return buffer.Cut()!;
    }

    /// <summary>A node message naming <paramref name="name"/>.</summary>
    public static string Node(string name) => $$$"""{"source": {"label": "Server", "name": "{{{name}}}"}}""";

    public void Dispose()
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.State.Dispose();
        }
    }

    private PartitionBuffer Buffer(TeamName team, int partition)
    {
        if (!_buffers.TryGetValue((team, partition), out var buffer))
        {
            buffer = new PartitionBuffer(new PartitionState(new TopicPartition(team.Topic, partition), team, CancellationToken.None));
            _buffers.Add((team, partition), buffer);
        }

        return buffer;
    }
}
