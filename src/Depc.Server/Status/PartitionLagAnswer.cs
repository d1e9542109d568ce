using System.Text.Json.Serialization;

namespace Depc.Server.Status;

public sealed record PartitionLagAnswer(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("partition")] int Partition,
    [property: JsonPropertyName("lag")] long Lag);
