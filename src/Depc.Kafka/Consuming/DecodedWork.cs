using Depc.Core.Ingestion;

namespace Depc.Kafka.Consuming;

/// <summary>
/// One store write in the making: the cut batches merged into it (<see cref="BatchMerger"/>), each with
/// its decoding, and the plan of all of them together (null when every part was abandoned).
/// </summary>
internal sealed record DecodedWork(IReadOnlyList<DecodedPart> Parts, PlannedBatch? Planned);
