using Depc.Core.Planning;

namespace Depc.Core.Ingestion;

/// <summary>
/// A decoded batch planned for the store: planning can run beside the previous write. It keeps what the report
/// needs (counts, origins, decode rejections) but not the decoded messages, which the plan replaces, so they die
/// young instead of waiting in memory for the store (and being promoted by every collection meanwhile).
/// </summary>
public sealed record PlannedBatch(BatchPlan Plan, int Received, IReadOnlyList<RawMessage> Sources, IReadOnlyList<MessageRejection> Rejections);
