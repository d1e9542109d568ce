namespace Depc.Core.Ingestion;

/// <summary>
/// A rejection's reason as the queues that outlive a write keep it (the feed's queue, dead letters): cut to
/// <see cref="MaxChars"/> characters with an ellipsis. The feed shows why, not whatever a hostile message made long.
/// </summary>
public static class ReasonText
{
    public const int MaxChars = 2_048;

    public static string Cut(string reason, int maxChars = MaxChars)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length > maxChars ? string.Concat(reason.AsSpan(0, maxChars), "…") : reason;
    }
}
