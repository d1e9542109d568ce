namespace Depc.Core.Storage;

/// <summary>The outcome of every message of a written batch, by its position in the batch.</summary>
public sealed record BatchResult(IReadOnlyList<MessageOutcome> Outcomes, IReadOnlyList<EventRejection> Rejections)
{
    /// <summary>The result of a plan without messages.</summary>
    public static BatchResult Empty { get; } = new([], []);

    /// <summary>How many old periods were dropped to keep relationships within their limit (SPEC §4).</summary>
    public long TrimmedPeriods { get; init; }

    public int Accepted => Count(MessageOutcome.Accepted);

    public int Duplicates => Count(MessageOutcome.Duplicate);

    public int Rejected => Count(MessageOutcome.Rejected);

    private int Count(MessageOutcome outcome)
    {
        var n = 0;
        foreach (var o in Outcomes)
        {
            if (o == outcome)
            {
                n++;
            }
        }

        return n;
    }
}
