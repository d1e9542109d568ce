using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.StoreScenarios;

/// <summary>What commits with the graph in a write's transaction: Kafka positions, the team's counts, idempotency keys.</summary>
public abstract partial class StoreScenarios
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task Positions_are_kept_per_partition_not_per_topic()
    {
        var team = ScenarioTeams.New();
        var group = "g-" + team.Value;
        await WriteKafkaAsync(team, group, partition: 0, first: 0, "s0", "s1", "s2", "s3", "s4");

        // Partition 1 is a stream of its own: its offsets start at 0 whatever partition 0 reached (neo4j-streams #643).
        var outcome = await WriteKafkaAsync(team, group, partition: 1, first: 0, "t0", "t1");

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal(
            [new StoredPosition(team.Topic, 0, 5), new StoredPosition(team.Topic, 1, 2)],
            await Store.ReadPositionsAsync(group, team.Topic, None));
        Assert.Empty(await Store.ReadPositionsAsync("other-" + group, team.Topic, None));
        Assert.Equal(7, (await Store.ReadTeamCountsAsync(team, None)).Received);
    }

    [Fact]
    public async Task A_zombie_cannot_write_below_the_stored_position_and_nothing_of_its_write_is_applied()
    {
        var team = ScenarioTeams.New();
        var group = "g-" + team.Value;
        await WriteKafkaAsync(team, group, partition: 3, first: 0, Rel("a", "b", """{"from": 10}"""), Rel("a", "b", """{"to": 20}"""));
        var before = await GraphSnapshot.CaptureAsync(Store, team);
        var countsBefore = await Store.ReadTeamCountsAsync(team, None);

        // An instance that lost partition 3 but still writes its old batch: offsets 1..2, a replayed close and a new node.
        var zombie = new StoreWrite(Driver.PlanKafka(team, 3, 1, Rel("a", "b", """{"to": 20}"""), """{"source": {"label": "Svc", "name": "late"}}"""), StoreDriver.Now)
        {
            Positions = [new PositionClaim(group, team.Topic, 3, 1, 3)],
        };
        var outcome = await Store.WriteAsync(zombie, None);

        Assert.Equal(WriteStatus.Fenced, outcome.Status);
        Assert.Equal([new StoredPosition(team.Topic, 3, 2)], outcome.StoredPositions);
        Assert.Equal(before, await GraphSnapshot.CaptureAsync(Store, team));
        Assert.Equal(countsBefore, await Store.ReadTeamCountsAsync(team, None));
        Assert.Equal([new StoredPosition(team.Topic, 3, 2)], await Store.ReadPositionsAsync(group, team.Topic, None));
    }

    [Fact]
    public async Task Through_the_seam_a_write_overlapping_the_stored_position_applies_only_the_messages_after_it()
    {
        var team = ScenarioTeams.New();
        var group = "g-" + team.Value;
        await WriteKafkaAsync(team, group, partition: 0, first: 0, "n0", "n1", "n2");

        // Offsets 1..5 (three valid, one invalid at 4, one valid at 5), of which 1 and 2 were applied already.
        var write = new StoreWrite(Driver.PlanKafka(team, 0, 1, Node("n1"), Node("n2"), Node("n3"), "not json", Node("n5")), StoreDriver.Now)
        {
            Positions = [new PositionClaim(group, team.Topic, 0, 1, 6)],
        };
        var outcome = await Driver.WriteAsync(write);

        Assert.Equal(WriteStatus.Written, outcome.Status);
        Assert.Equal([new StoredPosition(team.Topic, 0, 3)], outcome.StoredPositions);
        Assert.Equal((3L, 2L, 1L), (outcome.Report.Received, outcome.Report.Accepted, outcome.Report.Rejected));
        Assert.Equal("depc." + team.Value + "/0@4", Assert.Single(outcome.Report.Rejections).Origin.ToString());
        Assert.Equal(["n0", "n1", "n2", "n3", "n5"], await Store.GetNodeNamesAsync(team, "Svc", new NodeListQuery(), None));
        Assert.Equal(new TeamCounts(6, 5, 1, 0, StoredDriverNow), await Store.ReadTeamCountsAsync(team, None));
        Assert.Equal([new StoredPosition(team.Topic, 0, 6)], await Store.ReadPositionsAsync(group, team.Topic, None));
    }

    [Fact]
    public async Task A_batch_of_invalid_messages_only_still_moves_its_position_and_the_counts()
    {
        var team = ScenarioTeams.New();
        var group = "g-" + team.Value;

        var outcome = await WriteKafkaAsync(team, group, partition: 2, first: 7, "not json", """{"source": {"label": "bad", "name": "x"}}""");

        Assert.Equal((2L, 0L, 2L), (outcome.Report.Received, outcome.Report.Accepted, outcome.Report.Rejected));
        Assert.Equal([new StoredPosition(team.Topic, 2, 9)], await Store.ReadPositionsAsync(group, team.Topic, None));
        Assert.Equal(new TeamCounts(2, 0, 2, 0, StoredDriverNow), await Store.ReadTeamCountsAsync(team, None));
        Assert.Empty(await Store.GetLabelsAsync(team, None));
    }

    [Fact]
    public async Task Counts_add_up_every_write_of_a_team_with_each_outcome()
    {
        var team = ScenarioTeams.New();
        await Driver.IngestAsync(team, Rel("a", "b", """{"from": 10}"""), "not json", Rel("a", "b", """{"from": 11}"""));
        await Driver.IngestAsync(team, Rel("a", "b", """{"to": 5}"""), Node("c"));

        // from 10: accepted; not json: rejected; from 11 on an open relationship: duplicate; to 5 < last_ts: rejected.
        Assert.Equal(new TeamCounts(5, 2, 2, 1, StoredDriverNow), await Store.ReadTeamCountsAsync(team, None));
        Assert.Equal(TeamCounts.None, await Store.ReadTeamCountsAsync(ScenarioTeams.New(), None));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_gives_the_first_answer_and_applies_nothing_again()
    {
        var team = ScenarioTeams.New();
        var hash = new byte[] { 1, 2, 3 };
        StoreWrite Keyed(string key, byte[] requestHash, long at, params string[] lines) =>
            new(Driver.Plan(team, lines), at) { Idempotency = new IdempotencyClaim(key, requestHash, Day, r => $"answer {r.Received}/{r.Accepted}") };

        var first = await Driver.WriteAsync(Keyed("k1", hash, StoredDriverNow, Node("x"), Rel("a", "b", """{"from": 1}""")));
        var repeat = await Driver.WriteAsync(Keyed("k1", hash, StoredDriverNow + 60, Node("y")));
        var other = await Driver.WriteAsync(Keyed("k2", hash, StoredDriverNow + 60, Node("z")));

        Assert.Equal(WriteStatus.Written, first.Status);
        Assert.Equal(WriteStatus.Replayed, repeat.Status);
        Assert.Equal("answer 2/2", repeat.Answer!.Answer);
        Assert.True(repeat.Answer.IsFor(hash));
        Assert.Equal(WriteStatus.Written, other.Status);
        Assert.Equal(["x", "z"], await Store.GetNodeNamesAsync(team, "Svc", new NodeListQuery(), None));
        Assert.Equal(3, (await Store.ReadTeamCountsAsync(team, None)).Received);

        // Another team's key of the same text is its own; past the retention, a key is new again.
        var otherTeam = ScenarioTeams.New();
        Assert.Equal(WriteStatus.Written, (await Driver.WriteAsync(new StoreWrite(Driver.Plan(otherTeam, Node("w")), StoredDriverNow) { Idempotency = new IdempotencyClaim("k1", hash, Day, _ => "other") })).Status);
        Assert.Equal(WriteStatus.Written, (await Driver.WriteAsync(Keyed("k1", hash, StoredDriverNow + (long)Day.TotalSeconds + 61, Node("y")))).Status);
    }

    [Fact]
    public async Task A_probe_applies_nothing()
    {
        var team = ScenarioTeams.New();
        var planned = Driver.Plan(team, Node("p"), Rel("a", "b", """{"from": 3}"""));

        await Store.ProbeAsync(planned.Plan, None);

        Assert.Empty(await Store.GetLabelsAsync(team, None));
        Assert.Equal(TeamCounts.None, await Store.ReadTeamCountsAsync(team, None));
    }

    private const long StoredDriverNow = StoreDriver.Now;

    private Task<WriteOutcome> WriteKafkaAsync(TeamName team, string group, int partition, long first, params string[] lines) =>
        Driver.WriteAsync(new StoreWrite(Driver.PlanKafka(team, partition, first, [.. lines.Select(l => l.StartsWith('{') || l.StartsWith("not", StringComparison.Ordinal) ? l : Node(l))]), StoreDriver.Now)
        {
            Positions = [new PositionClaim(group, team.Topic, partition, first, first + lines.Length)],
        });

    private static string Node(string name) => $$$"""{"source": {"label": "Svc", "name": "{{{name}}}"}}""";

    private static string Rel(string source, string target, string rel) =>
        $$$"""{"source": {"label": "App", "name": "{{{source}}}"}, "target": {"label": "Db", "name": "{{{target}}}"}, "rel": {{{rel}}}}""";
}
