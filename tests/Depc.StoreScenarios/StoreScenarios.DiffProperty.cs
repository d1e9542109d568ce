using CsCheck;
using Depc.Core.Activity;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    /// <summary>
    /// For random streams (bounds overwritten, relationships opened, closed and reopened, some events refused) and
    /// random moments, the store's diff equals the difference of the two snapshots of the whole graph, worked out
    /// naively from every node and relationship read back.
    /// </summary>
    [Fact]
    public void Random_streams_give_the_diff_of_the_two_snapshots()
    {
        var node = Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2]).Select((l, n) => (Label: l == 0 ? "App" : "Db", Name: $"n{n}"));
        var bound = Gen.Long[0, 60].Nullable(0.4);
        var message = Gen.Select(Gen.Int[0, 3], node, node, bound, bound).Select((kind, s, t, a, b) => kind switch
        {
            0 => $$$"""{"source": {"label": "{{{s.Label}}}", "name": "{{{s.Name}}}", "props": {{{Props(a, b)}}}}}""",
            1 => $$$"""{"source": {"label": "{{{s.Label}}}", "name": "{{{s.Name}}}"}, "target": {"label": "{{{t.Label}}}", "name": "{{{t.Name}}}"}, "rel": {{{Props(a, null)}}}}""",
            2 => $$$"""{"source": {"label": "{{{s.Label}}}", "name": "{{{s.Name}}}"}, "target": {"label": "{{{t.Label}}}", "name": "{{{t.Name}}}"}, "rel": {{{Props(null, b ?? 30)}}}}""",
            _ => $$$"""{"source": {"label": "{{{s.Label}}}", "name": "{{{s.Name}}}"}, "target": {"label": "{{{t.Label}}}", "name": "{{{t.Name}}}"}, "rel": {{{Props(a, b)}}}}""",
        });
        var moments = Gen.Long[0, 70].Select(Gen.Long[1, 40], (t1, d) => (t1, t1 + d)).Array[4];

        message.Array[1, 25].Select(moments).Sample(
            (lines, pairs) =>
            {
                var team = ScenarioTeams.New("diff");
                Driver.IngestAsync(team, lines).GetAwaiter().GetResult();
                var (nodes, links) = ReadWholeGraphAsync(team).GetAwaiter().GetResult();
                foreach (var (t1, t2) in pairs)
                {
                    var answer = TimeTravelQueries.DiffAsync(Store, team, new DiffQuery(t1, t2), None).GetAwaiter().GetResult().Answer!;
                    var appeared = (Changed(nodes, n => ActivityRules.NodeActiveAt(n.From, n.To, t2) && !ActivityRules.NodeActiveAt(n.From, n.To, t1)),
                        Changed(links, l => ActivityRules.RelationshipActiveAt(l.Periods, t2) && !ActivityRules.RelationshipActiveAt(l.Periods, t1)));
                    var disappeared = (Changed(nodes, n => ActivityRules.NodeActiveAt(n.From, n.To, t1) && !ActivityRules.NodeActiveAt(n.From, n.To, t2)),
                        Changed(links, l => ActivityRules.RelationshipActiveAt(l.Periods, t1) && !ActivityRules.RelationshipActiveAt(l.Periods, t2)));
                    if (Named(answer.Appeared) != appeared || Named(answer.Disappeared) != disappeared)
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: RandomDiffIterations);

        static string Props(long? from, long? to) =>
            "{" + string.Join(", ", new[] { from is null ? null : $"\"from\": {from}", to is null ? null : $"\"to\": {to}" }.Where(p => p is not null)) + "}";
    }

    /// <summary>How many random streams the diff property tries; a slow store may lower it.</summary>
    protected virtual int RandomDiffIterations => 40;

    private static string Changed<T>(List<(string Key, T Element)> elements, Func<T, bool> changed) =>
        string.Join(" ", elements.Where(e => changed(e.Element)).Select(e => e.Key).Order(StringComparer.Ordinal));

    private static (string Nodes, string Links) Named(DiffSide side) =>
        (string.Join(" ", side.Nodes.Select(n => $"{n.Label}:{n.Name}").Order(StringComparer.Ordinal)),
         string.Join(" ", side.Relationships.Select(r => $"{r.Source.Label}:{r.Source.Name}->{r.Target.Label}:{r.Target.Name}").Order(StringComparer.Ordinal)));

    /// <summary>Every node and relationship of the team, read through the store seam (not its change index).</summary>
    private async Task<(List<(string Key, GraphNode Node)> Nodes, List<(string Key, Neighbour Link)> Links)> ReadWholeGraphAsync(TeamName team)
    {
        var nodes = new List<(string, GraphNode)>();
        var links = new List<(string, Neighbour)>();
        foreach (var label in await Store.GetLabelsAsync(team, None))
        {
            foreach (var name in await Store.GetNodeNamesAsync(team, label.Name, new NodeListQuery(), None))
            {
                nodes.Add(($"{label.Name}:{name}", (await Store.GetNodeAsync(team, label.Name, name, None))!));
                foreach (var n in await Store.GetNeighboursAsync(team, label.Name, name, Direction.Dependencies, None))
                {
                    links.Add(($"{label.Name}:{name}->{n.Node.Label}:{n.Node.Name}", n));
                }
            }
        }

        return (nodes, links);
    }
}
