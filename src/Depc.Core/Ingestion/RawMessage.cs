namespace Depc.Core.Ingestion;

/// <summary>Undecoded message bytes and where they came from (<c>line 3</c>, <c>depc.acme/2@1234</c>, …), for reports.</summary>
public readonly record struct RawMessage(ReadOnlyMemory<byte> Payload, string Origin);
