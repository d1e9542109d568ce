namespace Depc.Kafka.DeadLetters;

/// <summary>Header names on <c>depc.&lt;team&gt;.rejected</c> messages (values UTF-8 text).</summary>
public static class DeadLetterHeaders
{
    public const string TopicSuffix = ".rejected";
    public const string Reason = "depc-reason";
    public const string SourceTopic = "depc-source-topic";
    public const string SourcePartition = "depc-source-partition";
    public const string SourceOffset = "depc-source-offset";

    /// <summary>Present when the payload was cut to <see cref="MaxPayloadBytes"/>: the original length in bytes.</summary>
    public const string OriginalLength = "depc-original-length";

    /// <summary>Brokers refuse messages over ~1 MB by default, and an oversized message is a common reason for rejection.</summary>
    public const int MaxPayloadBytes = 900_000;
}
