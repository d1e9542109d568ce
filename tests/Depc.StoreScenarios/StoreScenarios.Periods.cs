using CsCheck;
using Depc.Core.Ingestion;
using Depc.Core.Periods;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

public abstract partial class StoreScenarios
{
    /// <summary>Every row of the period table, a refused event, a duplicate from while open and a replayed tail.</summary>
    private static readonly string[] PeriodEvents =
    [
        """{"from": 100}""",             // new: [100]
        """{"to": 200}""",               // from: append 200
        """{"from": 300}""",             // to: append 300
        """{"from": 350}""",             // from while open: duplicate
        """{"to": 250}""",               // refused: 250 < last_ts 300
        """{"from": 500, "to": 400}""",  // from: L < to < from
        """{"to": 600}""",               // from: append 600
        """{"from": 700, "to": 800}""",  // to: L < from < to
        """{"from": 700, "to": 800}""",  // replay of the tail: duplicate
    ];

    private static readonly long[] PeriodEventsFinal = [100, 200, 300, 400, 500, 600, 700, 800];

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    public async Task Period_table_events_give_the_same_relationship_in_any_batch_size(int batchSize)
    {
        var team = ScenarioTeams.New();
        var lines = PeriodEvents.Select(rel => $$$"""{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {{{rel}}}}""").ToList();

        var report = await Driver.IngestInBatchesAsync(team, lines, batchSize);

        Assert.Equal((9, 6, 1, 2), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal("line " + ((4 % batchSize) + 1), rejection.Origin.ToString());
        Assert.Equal(
            PeriodTable.Apply(new RelationshipState([100, 200, 300], LastState.From, 300), null, 250).Reason,
            rejection.Reason);
        var rel = Assert.Single(await Store.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, None));
        Assert.Equal(PeriodEventsFinal, rel.Periods);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_bulk_write_gives_each_batch_the_report_and_the_graph_of_batches_written_one_after_another(int batchSize)
    {
        var oneByOne = ScenarioTeams.New("one");
        var bulk = ScenarioTeams.New("bulk");
        var lines = PeriodEvents.Select(rel => $$$"""{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {{{rel}}}}""")
            .Append("""{"source": {"label": "App", "name": "a", "props": {"from": 1, "to": 9}}, "target": {"label": "Db", "name": "e"}}""")
            .Append("""{"source": {"label": "bad", "name": "x"}}""")
            .ToList();
        var expected = new List<IngestReport>();
        for (var i = 0; i < lines.Count; i += batchSize)
        {
            expected.Add(await Driver.IngestAsync(oneByOne, [.. lines.Skip(i).Take(batchSize)]));
        }

        var reports = await Driver.IngestInBulkAsync(bulk, lines, batchSize);

        Assert.Equal(expected.Select(Outcome), reports.Select(Outcome));
        Assert.Equal(await GraphSnapshot.CaptureAsync(Store, oneByOne), await GraphSnapshot.CaptureAsync(Store, bulk));
        Assert.Equal(PeriodEventsFinal, Assert.Single(await Store.GetNeighboursAsync(bulk, "App", "a", Direction.Dependencies, None), n => n.Node.Name == "d").Periods);

        static string Outcome(IngestReport r) =>
            $"{r.Received} {r.Accepted} {r.Rejected} {r.Duplicates} {string.Join(" | ", r.Rejections.Select(x => $"{x.Origin}: {x.Reason}"))}";
    }

    [Fact]
    public async Task A_refused_event_still_upserts_its_nodes()
    {
        var team = ScenarioTeams.New();

        var report = await Driver.IngestAsync(team, """{"source": {"label": "App", "name": "a", "props": {"from": 7}}, "target": {"label": "Db", "name": "d"}, "rel": {"to": 5}}""");

        Assert.Equal((1, 0, 1, 0), (report.Received, report.Accepted, report.Rejected, report.Duplicates));
        Assert.Contains("refused", report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Equal(7, (await Store.GetNodeAsync(team, "App", "a", None))!.From);
        Assert.NotNull(await Store.GetNodeAsync(team, "Db", "d", None));
        Assert.Equal(0, await Store.CountDependenciesAsync(team, "App", "a", None));
    }

    [Fact]
    public async Task Replaying_a_whole_stream_leaves_the_graph_unchanged()
    {
        var team = ScenarioTeams.New();
        var lines = PeriodEvents.Select(rel => $$$"""{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {{{rel}}}}""")
            .Append("""{"source": {"label": "App", "name": "b", "props": {"from": 1, "to": 9}}, "target": {"label": "Db", "name": "d"}}""")
            .ToList();
        await Driver.IngestInBatchesAsync(team, lines, 3);
        var before = await GraphSnapshot.CaptureAsync(Store, team);

        var replay = await Driver.IngestInBatchesAsync(team, lines, 5);

        Assert.Equal(0, replay.Accepted);
        Assert.Equal(before, await GraphSnapshot.CaptureAsync(Store, team));
    }

    /// <summary>Batching is only an optimisation: any batch size, in a bulk write or not, gives the graph of one-by-one application.</summary>
    [Fact]
    public void Random_streams_give_the_same_graph_in_one_batch_and_one_by_one()
    {
        var message = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 5], Gen.Long[0, 20], Gen.Long[0, 20])
            .Select((s, t, kind, x, y) => kind switch
            {
                0 => $$$"""{"source": {"label": "App", "name": "a{{{s}}}", "props": {"from": {{{x}}} } }}""",
                1 => $$$"""{"source_label": "App", "source_name": "a{{{s}}}", "target_label": "Db", "target_name": "d{{{t}}}", "rel_from": {{{x}}}}""",
                2 => $$$"""{"source": {"label": "App", "name": "a{{{s}}}"}, "target": {"label": "Db", "name": "d{{{t}}}"}, "rel": {"to": {{{y + 1}}}}}""",
                3 => $$$"""{"source": {"label": "App", "name": "a{{{s}}}"}, "target": {"label": "Db", "name": "d{{{t}}}", "props": {"to": {{{y + 1}}}}}, "rel": {"from": {{{x}}}, "to": {{{y + 1}}}}}""",
                4 => $$$"""{"source": {"label": "App", "name": "a{{{s}}}"}, "target": {"label": "Db", "name": "d{{{t}}}"}}""",
                _ => """{"source": {"label": "bad", "name": "x"}}""",
            });

        message.Array[1, 30].Select(Gen.Int[2, 12]).Sample(
            (lines, batch) =>
            {
                var one = ScenarioTeams.New("one");
                var many = ScenarioTeams.New("many");
                var bulk = ScenarioTeams.New("bulk");
                var a = Driver.IngestInBatchesAsync(one, lines, 1).GetAwaiter().GetResult();
                var b = Driver.IngestInBatchesAsync(many, lines, batch).GetAwaiter().GetResult();
                var c = Driver.IngestInBulkAsync(bulk, lines, batch).GetAwaiter().GetResult().Aggregate(IngestReport.Empty, (x, y) => x.Add(y));
                var graph = GraphSnapshot.CaptureAsync(Store, one).GetAwaiter().GetResult();
                return (a.Received, a.Accepted, a.Rejected, a.Duplicates) == (b.Received, b.Accepted, b.Rejected, b.Duplicates)
                    && (a.Received, a.Accepted, a.Rejected, a.Duplicates) == (c.Received, c.Accepted, c.Rejected, c.Duplicates)
                    && graph == GraphSnapshot.CaptureAsync(Store, many).GetAwaiter().GetResult()
                    && graph == GraphSnapshot.CaptureAsync(Store, bulk).GetAwaiter().GetResult();
            },
            iter: RandomStreamIterations);
    }

    /// <summary>How many random streams the batching property tries; a slow store may lower it.</summary>
    protected virtual int RandomStreamIterations => 60;
}
