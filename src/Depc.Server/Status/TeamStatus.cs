using System.Text.Json.Serialization;
using Depc.Kafka.Telemetry;

namespace Depc.Server.Status;

/// <summary>A team's ingestion status: its counts as the store keeps them, the last time a write brought messages (Unix seconds), and consumer lag when Kafka is on.</summary>
internal sealed record TeamStatus(
    [property: JsonPropertyName("team")] string Team,
    [property: JsonPropertyName("received")] long Received,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("duplicates")] long Duplicates,
    [property: JsonPropertyName("last_message_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LastMessageAt,
    [property: JsonPropertyName("consumer_lag"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PartitionLagAnswer>? ConsumerLag);
