using Depc.Core.Ingestion;

namespace Depc.Core.Storage;

/// <summary>What became of a <see cref="StoreWrite"/>.</summary>
public sealed record WriteOutcome
{
    private WriteOutcome(WriteStatus status, StoreWrite write, IngestReport report) => (Status, Write, Report) = (status, write, report);

    public WriteStatus Status { get; }

    /// <summary>The write as applied (through the ingestion seam: without what was fenced or refused), or as refused.</summary>
    public StoreWrite Write { get; }

    /// <summary>The outcome of every message written; empty when nothing was written.</summary>
    public IngestReport Report { get; }

    /// <summary>Each message's outcome in the plan, when written.</summary>
    public BatchResult? Result { get; private init; }

    /// <summary>When fenced: the stored position of every claimed partition. Through the ingestion seam: the positions that fenced earlier attempts.</summary>
    public IReadOnlyList<StoredPosition> StoredPositions { get; private init; } = [];

    /// <summary>When replayed: what was kept of the first request.</summary>
    public StoredAnswer? Answer { get; private init; }

    public static WriteOutcome Written(StoreWrite write, IngestReport report, BatchResult result) => new(WriteStatus.Written, write, report) { Result = result };

    public static WriteOutcome Fenced(StoreWrite write, IReadOnlyList<StoredPosition> stored) => new(WriteStatus.Fenced, write, IngestReport.Empty) { StoredPositions = stored };

    public static WriteOutcome Replayed(StoreWrite write, StoredAnswer answer) => new(WriteStatus.Replayed, write, IngestReport.Empty) { Answer = answer };

    /// <summary>This outcome, telling which stored positions fenced the attempts before it.</summary>
    public WriteOutcome After(IReadOnlyList<StoredPosition> fencedBy) => fencedBy.Count == 0 ? this : this with { StoredPositions = fencedBy };
}
