using System.Text.Json.Serialization;

namespace Depc.Cli.Commands;

/// <summary>One rejected input line, as <c>depc ingest</c> reports it.</summary>
internal sealed record RejectionLine(
    [property: JsonPropertyName("line")] long Line,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("payload")] string Payload);
