using Depc.Core.Planning;

namespace Depc.Core.Ingestion;

/// <summary>
/// A team's messages decoded (once) and planned for the store: the plan of the valid ones, each valid message's raw
/// bytes and origin at its plan position (for reports and dead letters), and the rejections of the invalid ones.
/// The decoded messages are not kept: the plan replaces them, and remembers enough of each to plan a subset again.
/// </summary>
public sealed record PlannedBatch(BatchPlan Plan, IReadOnlyList<RawMessage> Sources, IReadOnlyList<MessageRejection> Rejections)
{
    /// <summary>Every message of the batch, valid or not.</summary>
    public int Received => Sources.Count + Rejections.Count;

    /// <summary>The report of a dry run: every valid message counted as accepted, nothing written.</summary>
    public IngestReport ToDryRunReport() => new(Received, Sources.Count, Rejections.Count, 0, Rejections);

    /// <summary>The batch without the messages (valid or not) whose origin <paramref name="drop"/> picks.</summary>
    public PlannedBatch Without(Func<MessageOrigin, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var kept = new List<int>(Sources.Count);
        for (var i = 0; i < Sources.Count; i++)
        {
            if (!drop(Sources[i].Origin))
            {
                kept.Add(i);
            }
        }

        var rejections = Rejections.Where(r => !drop(r.Origin)).ToList();
        return kept.Count == Sources.Count
            ? this with { Rejections = rejections }
            : Keeping(kept, rejections);
    }

    /// <summary>
    /// The valid messages at plan positions [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>),
    /// planned again, without the invalid messages (a batch cut into parts counts them once, <see cref="RejectionsOnly"/>).
    /// </summary>
    public PlannedBatch Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Sources.Count - start);
        return Keeping(Enumerable.Range(start, count).ToList(), []);
    }

    /// <summary>Nothing left to plan: the invalid messages, and the valid ones at <paramref name="refused"/> (plan positions), as rejections.</summary>
    public PlannedBatch RejectionsOnly(IReadOnlyDictionary<int, string> refused) => Keeping([], RejectionsWith(refused));

    /// <summary>The batch with the messages at <paramref name="refused"/> (plan positions) turned into rejections.</summary>
    public PlannedBatch Refusing(IReadOnlyDictionary<int, string> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        if (refused.Count == 0)
        {
            return this;
        }

        var kept = Enumerable.Range(0, Sources.Count).Where(i => !refused.ContainsKey(i)).ToList();
        return Keeping(kept, RejectionsWith(refused));
    }

    // The invalid messages, then the valid ones at plan positions refused, in order, each with its reason.
    private List<MessageRejection> RejectionsWith(IReadOnlyDictionary<int, string> refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var rejections = new List<MessageRejection>(Rejections);
        rejections.AddRange(refused.OrderBy(r => r.Key).Select(r => IngestPipeline.Reject(Sources[r.Key], r.Value)));
        return rejections;
    }

    // The valid messages at plan positions kept (ascending), planned again, with the rejections given.
    private PlannedBatch Keeping(IReadOnlyList<int> kept, IReadOnlyList<MessageRejection> rejections) =>
        new(PlanSlicer.Keep(Plan, kept), [.. kept.Select(i => Sources[i])], rejections);
}
