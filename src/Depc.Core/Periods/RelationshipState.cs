namespace Depc.Core.Periods;

/// <summary>
/// The stored state of a <c>DEPENDS_ON</c> relationship: <c>Periods</c> is the flat list
/// <c>[start1, end1, start2, …]</c> (odd length: the last period is open).
/// </summary>
public sealed record RelationshipState(long[] Periods, LastState LastState, long LastTs)
{
    public bool IsOpen => Periods.Length % 2 == 1;

    public static string StateText(LastState state) => state == LastState.From ? "from" : "to";

    public override string ToString() => new PeriodView(Periods, LastState, LastTs).Describe();
}
