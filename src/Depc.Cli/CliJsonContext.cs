using System.Text.Json.Serialization;
using Depc.Cli.Commands;

namespace Depc.Cli;

/// <summary>
/// The lines <c>depc ingest</c> prints, serialised by generated code: through reflection, System.Text.Json built the
/// serialiser at the first line, ~10 ms of each run's start.
/// </summary>
[JsonSerializable(typeof(IngestSummary))]
[JsonSerializable(typeof(RejectionLine))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
