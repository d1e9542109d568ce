using Depc.Core.Ingestion;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task A_relationship_keeps_its_newest_periods_within_the_limit_and_the_trimming_is_counted(int batchSize)
    {
        var team = ScenarioTeams.New();
        var driver = new StoreDriver(Store, new IngestLimits { MaxPeriods = 2 });
        var lines = Enumerable.Range(1, 9)
            .Select(t => $$$"""{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {"{{{(t % 2 == 1 ? "from" : "to")}}}": {{{t}}}}}""")
            .ToList();

        long trimmed = 0, accepted = 0;
        for (var i = 0; i < lines.Count; i += batchSize)
        {
            var outcome = await driver.WriteAsync(new StoreWrite(driver.Plan(team, [.. lines.Skip(i).Take(batchSize)]), StoreDriver.Now));
            (trimmed, accepted) = (trimmed + outcome.Report.TrimmedPeriods, accepted + outcome.Report.Accepted);
        }

        Assert.Equal((9L, 3L), (accepted, trimmed));
        var rel = Assert.Single(await Store.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, None));
        Assert.Equal([7L, 8, 9], rel.Periods);
        var refusal = Assert.Single((await driver.IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {"to": 5}}""")).Rejections);
        Assert.EndsWith("(relationship has last_state 'from', last_ts 9, 2 periods, periods [7, 8, 9])", refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_at_its_label_limit_gets_no_new_label_and_keeps_using_its_own()
    {
        var team = ScenarioTeams.New();
        var driver = new StoreDriver(Store, new IngestLimits { MaxLabelsPerTeam = 2 });

        var first = await driver.IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}}""");
        var second = await driver.IngestAsync(
            team,
            """{"source": {"label": "Cache", "name": "c"}}""",
            """{"source": {"label": "App", "name": "b"}, "target": {"label": "Cache", "name": "c"}}""",
            """{"source": {"label": "App", "name": "b"}}""");
        // Another process (a restart) reads the team's labels from the store.
        var third = await new StoreDriver(Store, new IngestLimits { MaxLabelsPerTeam = 2 }).IngestAsync(team, """{"source": {"label": "Queue", "name": "q"}}""");

        Assert.Equal((1L, 0L), (first.Accepted, first.Rejected));
        Assert.Equal((1L, 2L), (second.Accepted, second.Rejected));
        Assert.Equal((0L, 1L), (third.Accepted, third.Rejected));
        Assert.All(second.Rejections.Concat(third.Rejections), r => Assert.Contains("(setting Depc:Limits:MaxLabelsPerTeam)", r.Reason, StringComparison.Ordinal));
        Assert.Equal(["App", "Db"], (await Store.GetLabelsAsync(team, None)).Select(l => l.Name));
    }
}
