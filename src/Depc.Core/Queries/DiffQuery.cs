namespace Depc.Core.Queries;

/// <summary>
/// A diff between <see cref="From"/> and <see cref="To"/> (Unix seconds, <c>From &lt; To</c>) over the whole team,
/// the nodes of one label, or one node's neighbourhood (<see cref="Label"/> and <see cref="Node"/>); each of the four
/// lists skips <see cref="Skip"/> and keeps at most <see cref="Limit"/> entries.
/// </summary>
public sealed record DiffQuery(long From, long To, string? Label = null, string? Node = null, int Skip = 0, int? Limit = null)
{
    /// <summary>Which argument breaks which rule, in words; null when the query is valid.</summary>
    public (string Argument, string Rule)? Problem() =>
        From < 0 ? ("from", "must be a Unix time in seconds (an integer >= 0)")
        : From >= To ? ("to", $"must be later than from ({From}), got {To}")
        : Node is not null && Label is null ? ("node", "needs a label: a node is named by its label and its name")
        : Skip < 0 ? ("skip", "must be >= 0")
        : Limit < 0 ? ("limit", "must be >= 0")
        : null;
}
