using System.Text.Json.Serialization;
using Depc.Core.Storage;

namespace Depc.Server.Status;

/// <summary>
/// <c>GET /v1/status</c>: the instances sharing this store that were seen within three beats, each partition's owner
/// and lag, and the SPEC §4 heartbeat. Built from the beats every instance writes to the store, so any instance answers
/// the same; a partition claimed by two live instances (during a rebalance) goes to the one seen last.
/// </summary>
internal sealed record ServiceStatus(
    [property: JsonPropertyName("heartbeat")] long? Heartbeat,
    [property: JsonPropertyName("instances")] IReadOnlyList<InstanceAnswer> Instances,
    [property: JsonPropertyName("partitions")] IReadOnlyList<PartitionOwnerAnswer> Partitions)
{
    public static ServiceStatus Of(long? heartbeat, IReadOnlyList<InstanceBeat> beats, long liveSince)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var live = beats.Where(b => b.LastSeenAt >= liveSince).ToList();
        var owners = new Dictionary<(string Topic, int Partition), (InstanceBeat Beat, long Lag)>();
        foreach (var beat in live)
        {
            foreach (var p in beat.Partitions)
            {
                if (!owners.TryGetValue((p.Topic, p.Partition), out var known) || known.Beat.LastSeenAt < beat.LastSeenAt)
                {
                    owners[(p.Topic, p.Partition)] = (beat, p.Lag);
                }
            }
        }

        return new ServiceStatus(
            heartbeat,
            [.. live.Select(b => new InstanceAnswer(b.Id, b.Host, b.LastSeenAt, b.LastWriteAt, [.. b.Partitions.Select(p => new PartitionLagAnswer(p.Topic, p.Partition, p.Lag))]))],
            [.. owners.OrderBy(o => o.Key.Topic, StringComparer.Ordinal).ThenBy(o => o.Key.Partition)
                .Select(o => new PartitionOwnerAnswer(o.Key.Topic, o.Key.Partition, o.Value.Beat.Id, o.Value.Lag))]);
    }
}
