using System.Text.Json.Serialization;

namespace Depc.Server.Status;

/// <summary>A live instance in <c>GET /v1/status</c>: its id and host, when it was last seen and last wrote (Unix seconds), and the partitions it holds.</summary>
internal sealed record InstanceAnswer(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("last_seen_at")] long LastSeenAt,
    [property: JsonPropertyName("last_write_at")] long? LastWriteAt,
    [property: JsonPropertyName("partitions")] IReadOnlyList<PartitionLagAnswer> Partitions);
