namespace Depc.Core.Planning;

/// <summary>
/// The planner's lookup tables, needed only while one batch is planned. Batches come one after another, so one
/// spare set is kept for the next batch instead of a new set allocated (and dropped: ~2 MB per 20,000-message
/// batch) each time. Tables grown by an unusually large batch are not kept, so what stays is bounded.
/// </summary>
internal sealed class PlanIndexes
{
    private const int MaxKeptEntries = 100_000;

    private static PlanIndexes? _spare;

    public Dictionary<(string Label, string Name), (List<NodeUpsert> Group, int At)> Nodes { get; } = [];

    public Dictionary<(string, string, string, string), List<PlannedEvent>> Relationships { get; } = [];

    /// <summary>Takes the spare set (or a new one when another thread has it), sized for a message each.</summary>
    public static PlanIndexes Rent(int messages)
    {
        var indexes = Interlocked.Exchange(ref _spare, null) ?? new PlanIndexes();
        indexes.Nodes.EnsureCapacity(messages);
        indexes.Relationships.EnsureCapacity(messages);
        return indexes;
    }

    /// <summary>Empties the tables (they must not keep the plan alive) and keeps them for the next batch.</summary>
    public void Return()
    {
        if (Nodes.Capacity > MaxKeptEntries || Relationships.Capacity > MaxKeptEntries)
        {
            return;
        }

        Nodes.Clear();
        Relationships.Clear();
        _spare = this;
    }
}
