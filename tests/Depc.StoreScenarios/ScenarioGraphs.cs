namespace Depc.StoreScenarios;

/// <summary>Generated graphs shared by the scenarios and the benchmarks.</summary>
public static class ScenarioGraphs
{
    /// <summary>
    /// 30 layers (labels L0…L29) of 10 nodes, every node depending on every node of the next layer:
    /// 2,900 links and 10^29 paths from L0 to L29.
    /// </summary>
    public static List<string> Diamond()
    {
        var lines = new List<string>();
        for (var layer = 0; layer < 29; layer++)
        {
            for (var i = 0; i < 10; i++)
            {
                for (var j = 0; j < 10; j++)
                {
                    lines.Add($$$"""{"source": {"label": "L{{{layer}}}", "name": "n{{{i}}}"}, "target": {"label": "L{{{layer + 1}}}", "name": "n{{{j}}}"}, "rel": {"from": 1}}""");
                }
            }
        }

        return lines;
    }
}
