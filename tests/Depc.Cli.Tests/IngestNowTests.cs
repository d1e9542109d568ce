using Depc.Cli.Tests.Support;
using Depc.Core.Naming;
using Depc.Sqlite;

namespace Depc.Cli.Tests;

/// <summary><c>depc ingest</c>: a message without rel bounds opens its relationship at the run's start, or at <c>--now</c>; every message is counted for its team.</summary>
public sealed class IngestNowTests : IDisposable
{
    private const string Link = """{"source": {"label": "App", "name": "api"}, "target": {"label": "Db", "name": "main"}}""";
    private const string Other = """{"source": {"label": "App", "name": "web"}, "target": {"label": "Db", "name": "main"}}""";

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task With_now_every_message_without_rel_starts_then_whenever_the_file_is_read()
    {
        (await _sandbox.IngestAsync("acme", ["--now", "1600000000"], Link, Other)).AssertOk();

        var answer = await _sandbox.QueryAsync("dependencies", "--team", "acme", "--label", "Db", "--node", "main", "--impacted", "--day", "2020-09-13");
        Assert.Equal("[1600000000]", answer!["dependencies"]!["App"]![0]!["periods"]!.ToJsonString());
        Assert.Equal("[1600000000]", answer["dependencies"]!["App"]![1]!["periods"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_now_the_runs_start_is_every_messages_now()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        (await _sandbox.IngestAsync("acme", Link, Other)).AssertOk();
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await using var store = await SqliteGraphStore.OpenAsync(_sandbox.DatabasePath, CancellationToken.None);
        var links = await store.GetNeighboursAsync(TeamName.Parse("acme"), "Db", "main", Core.Storage.Direction.Dependents, CancellationToken.None);
        var start = Assert.Single(links.Select(l => Assert.Single(l.Periods)).Distinct());
        Assert.InRange(start, before, after);

        // Counted with the team's other inputs, in the same transactions.
        var counts = await store.ReadTeamCountsAsync(TeamName.Parse("acme"), CancellationToken.None);
        Assert.Equal((2L, 2L, 0L, 0L), (counts.Received, counts.Accepted, counts.Rejected, counts.Duplicates));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    public async Task A_now_that_is_not_unix_seconds_is_an_invalid_argument(string now)
    {
        var run = await _sandbox.IngestAsync("acme", ["--now", now], Link);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--now", run.Error, StringComparison.Ordinal);
    }
}
