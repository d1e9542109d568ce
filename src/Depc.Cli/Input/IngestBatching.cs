using Depc.Core.Naming;

namespace Depc.Cli.Input;

/// <summary>
/// How <c>depc ingest</c> batches a team's lines: the run's "now" for every message, when a batch is full, and the size
/// of the first batch (each next one twice as large up to <paramref name="MaxMessages"/>).
/// </summary>
internal sealed record IngestBatching(TeamName Team, long Now, int MaxMessages, int MaxBytes, int FirstMessages);
