using Depc.Core.Planning;

namespace Depc.Core.Ingestion;

/// <summary>A decoded batch with its plan, ready for the store: planning can run beside the previous write.</summary>
public sealed record PlannedBatch(DecodedBatch Decoded, BatchPlan Plan);
