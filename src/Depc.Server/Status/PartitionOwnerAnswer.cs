using System.Text.Json.Serialization;

namespace Depc.Server.Status;

/// <summary>A partition in <c>GET /v1/status</c>: the live instance that holds it and its lag as that instance last said.</summary>
internal sealed record PartitionOwnerAnswer(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("lag")] long Lag);
