using Microsoft.Extensions.Logging;

namespace Depc.Kafka;

/// <summary>Every log line of Depc.Kafka (event ids 3000–3199); team/topic/partition/offset are structured fields.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Consuming Kafka topics matching {Pattern} at {BootstrapServers} in group {GroupId}")]
    public static partial void ConsumerStarting(ILogger logger, string pattern, string? bootstrapServers, string groupId);

    [LoggerMessage(3002, LogLevel.Information, "Partitions revoked: {Partitions}; writing the batches in hand before they go")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(3003, LogLevel.Warning, "Partitions lost: {Partitions}; their unwritten batches are abandoned uncommitted")]
    public static partial void PartitionsLost(ILogger logger, string partitions);

    [LoggerMessage(3004, LogLevel.Debug, "Batch written for team {Team} from {Batches}: {Received} received, {Accepted} accepted, {Rejected} rejected, {Duplicates} duplicates in {ElapsedMs} ms")]
    public static partial void BatchWritten(ILogger logger, string team, string batches, long received, long accepted, long rejected, long duplicates, double elapsedMs);

    [LoggerMessage(3005, LogLevel.Warning, "Message rejected for team {Team} at {Topic}/{Partition}@{Offset}: {Reason}")]
    public static partial void MessageRejected(ILogger logger, string team, string topic, int partition, long offset, string reason);

    [LoggerMessage(3006, LogLevel.Debug, "Rejected payload for team {Team} at {Origin}: {Payload}")]
    public static partial void RejectedPayload(ILogger logger, string team, string origin, string payload);

    [LoggerMessage(3009, LogLevel.Warning, "Could not forward a rejected message of team {Team} to {DeadLetterTopic}")]
    public static partial void DeadLetterFailed(ILogger logger, Exception exception, string team, string deadLetterTopic);

    [LoggerMessage(3010, LogLevel.Warning, "Offset commit failed: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string reason);

    [LoggerMessage(3011, LogLevel.Warning, "Kafka client error: {Reason} ({Code})")]
    public static partial void ClientError(ILogger logger, string reason, string code);

    [LoggerMessage(3012, LogLevel.Warning, "Heartbeat write failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(3013, LogLevel.Information, "Kafka consumer stopped")]
    public static partial void ConsumerStopped(ILogger logger);

    [LoggerMessage(3014, LogLevel.Warning, "Batches of {Partitions} not written within {TimeoutMs} ms; abandoned uncommitted (they will be consumed again)")]
    public static partial void BatchesAbandoned(ILogger logger, string partitions, double timeoutMs);

    [LoggerMessage(3015, LogLevel.Warning, "Consume failed at {Topic}/{Partition}@{Offset}: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, string? topic, int partition, long offset, string reason);

    [LoggerMessage(3016, LogLevel.Warning, "Topic {Topic} matches the pattern but is not a team topic (depc.<team>); its messages are skipped")]
    public static partial void NotTeamTopic(ILogger logger, string topic);

    [LoggerMessage(3017, LogLevel.Debug, "Consumption paused: {Pending} batches wait for the store")]
    public static partial void Paused(ILogger logger, int pending);

    [LoggerMessage(3018, LogLevel.Debug, "Consumption resumed")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(3019, LogLevel.Debug, "librdkafka {Facility}: {Message}")]
    public static partial void ClientLog(ILogger logger, string facility, string message);

    [LoggerMessage(3020, LogLevel.Debug, "Committed offsets: {Offsets}")]
    public static partial void Committed(ILogger logger, string offsets);

    [LoggerMessage(3021, LogLevel.Critical, "Kafka client fatal error: {Reason}; the consumer stops")]
    public static partial void FatalError(ILogger logger, string reason);

    [LoggerMessage(3022, LogLevel.Error, "Writer failed for team {Team} at {Batches}")]
    public static partial void WriterFailed(ILogger logger, Exception exception, string team, string batches);

    [LoggerMessage(3023, LogLevel.Information, "Message for team {Team} sent to {Topic}/{Partition}@{Offset}")]
    public static partial void MessageSent(ILogger logger, string team, string topic, int partition, long offset);

    [LoggerMessage(3024, LogLevel.Warning, "The rejection sink failed for team {Team}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string team);

    [LoggerMessage(3025, LogLevel.Information, "Kafka ingestion configured: {Options}")]
    public static partial void Configured(ILogger logger, string options);

    [LoggerMessage(3100, LogLevel.Error, "Store write for team {Team} failed (attempt {Attempt}), a store-wide failure no message caused: {Reason}. Retrying in {DelayMs} ms; consumption is paused, no position moves and nothing is rejected until the store is back")]
    public static partial void StoreWideFailure(ILogger logger, Exception exception, string team, int attempt, string reason, double delayMs);

    [LoggerMessage(3101, LogLevel.Information, "Store writes for team {Team} succeed again after {Failures} failed attempts; consumption resumes")]
    public static partial void StoreRecovered(ILogger logger, string team, int failures);

    [LoggerMessage(3102, LogLevel.Information, "Partitions assigned, starting at their stored positions: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(3103, LogLevel.Warning, "Cannot read the stored positions of {Topic} ({Reason}): starting from Kafka's committed offsets; the store fences whatever was applied already")]
    public static partial void PositionsUnreadable(ILogger logger, string topic, string reason);

    [LoggerMessage(3104, LogLevel.Warning, "A write for team {Team} was fenced: another writer (an instance that had the partition before, or one that lost it) applied up to {Positions}; those messages were left out")]
    public static partial void WriteFenced(ILogger logger, string team, string positions);

    [LoggerMessage(3026, LogLevel.Warning, "Could not deliver a rejected message of team {Team} to {DeadLetterTopic}: {Reason}")]
    public static partial void DeadLetterUndelivered(ILogger logger, string team, string deadLetterTopic, string reason);

    [LoggerMessage(3027, LogLevel.Warning, "Dropped {Count} rejected messages of team {Team} instead of dead-lettering them: {HeldBytes} bytes of dead letters wait for the broker (Depc:Kafka:DeadLetterQueueBytes)")]
    public static partial void DeadLettersDropped(ILogger logger, string team, int count, long heldBytes);

    [LoggerMessage(3028, LogLevel.Debug, "Team {Team} paused: {TeamPending} of the {Pending} batches waiting for the store are its own, other teams go first")]
    public static partial void TeamPaused(ILogger logger, string team, int teamPending, int pending);

    [LoggerMessage(3029, LogLevel.Debug, "Team {Team} resumed")]
    public static partial void TeamResumed(ILogger logger, string team);

    [LoggerMessage(3030, LogLevel.Warning, "{NotLogged} more of the {Count} rejections of one write of team {Team} are not logged one by one (see the team's rejection feed, counts and dead letters)")]
    public static partial void RejectionsNotLogged(ILogger logger, string team, int notLogged, int count);
}
