namespace Depc.Core.Periods;

/// <summary>Which kind of event closed the relationship's history: stored as <c>'from'</c> or <c>'to'</c>.</summary>
public enum LastState
{
    From,
    To,
}
