namespace Depc.Core.Ingestion;

/// <summary>
/// Undecoded message bytes, where they came from, and the message's own "now" (SPEC §4): the Unix seconds that a
/// relationship event without bounds takes as its <c>from</c>. "now" belongs to the message, not to the moment it is
/// processed: the Kafka record's timestamp, the arrival of its HTTP request, the start of its <c>depc ingest</c> run.
/// </summary>
public readonly record struct RawMessage(ReadOnlyMemory<byte> Payload, MessageOrigin Origin, long Now);
