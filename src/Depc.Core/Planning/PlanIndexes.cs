namespace Depc.Core.Planning;

/// <summary>
/// The planner's working tables, needed only while one batch is planned, and the names it has met. Batches come one
/// after another, so one spare set is kept for the next batch instead of a new set allocated (and dropped: ~2 MB per
/// 20,000-message batch) each time. Tables grown by an unusually large batch are not kept, and the names met are bounded by count and by characters, so
/// what stays is bounded.
/// </summary>
internal sealed class PlanIndexes
{
    private const int MaxKeptEntries = 100_000;
    private const int MaxKeptNames = 200_000;

    // Names are up to Depc:Limits:MaxNameBytes long: the names kept are bounded by their characters too (16 MiB of them).
    private const long MaxKeptNameChars = 8L * 1024 * 1024;

    private static PlanIndexes? _spare;

    /// <summary>Each node of the batch: its label's group and its position there.</summary>
    public Dictionary<(string Label, string Name), (int Group, int At)> Nodes { get; } = [];

    /// <summary>Each relationship of the batch: its number in <see cref="Slots"/>.</summary>
    public Dictionary<(string, string, string, string), int> Relationships { get; } = [];

    /// <summary>Each relationship's label-pair group, its position there and how many events it has.</summary>
    public List<(int Group, int At, int Events)> Slots { get; } = [];

    /// <summary>Every event of the batch in message order, with its relationship's number.</summary>
    public List<(int Slot, PlannedEvent Event)> Events { get; } = [];

    /// <summary>
    /// Names met in earlier batches. A plan keeps the name strings of its nodes while it waits for the writer,
    /// long enough to be promoted by a collection and die old; a name seen before is taken from here instead
    /// (the decoder's copy dies young), so steady traffic adds no long-lived strings.
    /// </summary>
    private Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    private long _nameChars;

    /// <summary>Takes the spare set (or a new one when another thread has it), sized for a message each.</summary>
    public static PlanIndexes Rent(int messages)
    {
        var indexes = Interlocked.Exchange(ref _spare, null) ?? new PlanIndexes();
        indexes.Nodes.EnsureCapacity(messages);
        indexes.Relationships.EnsureCapacity(messages);
        return indexes;
    }

    /// <summary>The copy of <paramref name="name"/> met first.</summary>
    public string Intern(string name)
    {
        ref var known = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Names, name, out var exists);
        if (!exists)
        {
            known = name;
            _nameChars += name.Length;
        }

        return known!;
    }

    /// <summary>Empties the batch's tables (they must not keep the plan alive) and keeps the set for the next batch.</summary>
    public void Return()
    {
        if (Nodes.Capacity > MaxKeptEntries || Relationships.Capacity > MaxKeptEntries)
        {
            return;
        }

        Nodes.Clear();
        Relationships.Clear();
        Slots.Clear();
        Events.Clear();
        if (Names.Count > MaxKeptNames || _nameChars > MaxKeptNameChars)
        {
            Names.Clear();
            Names.TrimExcess();
            _nameChars = 0;
        }

        _spare = this;
    }
}
