using Depc.Core.Planning;

namespace Depc.Core.Tests.Planning;

/// <summary>A plan as comparable text: its nodes with their folded bounds, its relationships with their events in order.</summary>
internal static class PlanText
{
    public static string[] Describe(BatchPlan plan) =>
    [
        .. plan.Nodes.SelectMany(g => g.Nodes.Select(n => $"{g.Label} {n}")),
        .. plan.Relationships.SelectMany(g => g.Relationships.Select(r =>
            $"{g.SourceLabel}->{g.TargetLabel} {r.SourceName}@{r.SourceAt}->{r.TargetName}@{r.TargetAt} {string.Join(' ', r.Events)}")),
    ];
}
