namespace Depc.Core.Ingestion;

/// <summary>Which input a message came through; says how a <see cref="MessageOrigin"/> is read and printed.</summary>
public enum OriginKind : byte
{
    /// <summary>A position in a batch given as a list.</summary>
    InBatch,
    Kafka,
    FileLine,
    RequestLine,
    RequestItem,
}
