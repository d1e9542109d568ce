namespace Depc.Kafka.Producing;

/// <summary>How <c>depc push</c> sends a valid message: as read, or rewritten nested or flat (SPEC §3).</summary>
public enum PushFormat
{
    AsIs,
    Nested,
    Flat,
}
