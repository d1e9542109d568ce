using Depc.Core.Naming;

namespace Depc.Cli.Input;

/// <summary>How <c>depc ingest</c> batches a team's lines: the run's "now" for every message, and when a batch is full.</summary>
internal sealed record IngestBatching(TeamName Team, long Now, int MaxMessages, int MaxBytes);
