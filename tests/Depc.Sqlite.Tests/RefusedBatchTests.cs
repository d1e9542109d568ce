using Depc.Core.Ingestion;
using Depc.Core.Storage;
using Depc.Sqlite.Tests.Support;
using Depc.StoreScenarios;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Tests;

/// <summary>
/// A message the SQLite file refuses (here a trigger refuses node names starting with "poison", as a constraint would):
/// it is rejected alone, in a bulk load without dropping the batches before it in the transaction, and what the write
/// cache learnt from the refused batch is undone with its rows.
/// </summary>
public sealed class RefusedBatchTests : IDisposable
{
    // Batches of four: the second one's poison gives a bound to a cached node (a) after a new node (e) was inserted.
    private static readonly string[] Lines =
    [
        """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d1"}, "rel": {"from": 10}}""",
        """{"source": {"label": "App", "name": "a", "props": {"from": 5}}}""",
        """{"source": {"label": "App", "name": "b"}, "target": {"label": "Db", "name": "d1"}, "rel": {"from": 12}}""",
        """{"source": {"label": "App", "name": "c"}}""",
        """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d1"}, "rel": {"to": 20}}""",
        """{"source": {"label": "App", "name": "a", "props": {"from": 1, "to": 99}}, "target": {"label": "Db", "name": "poison-1"}, "rel": {"from": 15}}""",
        """{"source": {"label": "App", "name": "e"}, "target": {"label": "Db", "name": "d2"}, "rel": {"from": 16}}""",
        """{"source": {"label": "App", "name": "b", "props": {"to": 50}}, "target": {"label": "Db", "name": "d1"}, "rel": {"to": 30}}""",
        """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d1"}, "rel": {"from": 40}}""",
        """{"source": {"label": "App", "name": "e"}, "target": {"label": "Db", "name": "d3"}, "rel": {"from": 41}}""",
        """{"source": {"label": "App", "name": "f"}}""",
        """{not json""",
    ];

    private const int Poison = 5;

    private readonly TempDatabase _database = new();
    private readonly TempDatabase _reference = new();

    public void Dispose()
    {
        _database.Dispose();
        _reference.Dispose();
    }

    [Fact]
    public async Task A_bulk_load_rejects_the_refused_message_alone_and_keeps_the_batches_before_it()
    {
        var team = ScenarioTeams.New();
        await using var store = await OpenRefusingAsync("poison%");

        var reports = await new StoreDriver(store).IngestInBulkAsync(team, Lines, batchSize: 4);

        var rejections = reports.SelectMany(r => r.Rejections).ToList();
        Assert.Equal(2, rejections.Count);
        var refused = Assert.Single(rejections, r => r.Reason.Contains("refused by the store", StringComparison.Ordinal));
        Assert.Contains("poison refused", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(Lines[Poison], refused.Payload);
        Assert.Equal("line 2", refused.Origin.ToString());
        Assert.Equal(await ReferenceSnapshotAsync(team), await GraphSnapshot.CaptureAsync(store, team));
        var counts = await store.ReadTeamCountsAsync(team, CancellationToken.None);
        Assert.Equal((12L, 10L, 2L), (counts.Received, counts.Accepted + counts.Duplicates, counts.Rejected));
        Assert.Equal(counts.Accepted, reports.Sum(r => r.Accepted));
    }

    [Fact]
    public async Task A_batch_write_rejects_the_refused_message_alone_and_the_writer_goes_on()
    {
        var team = ScenarioTeams.New();
        await using var store = await OpenRefusingAsync("poison%");
        var driver = new StoreDriver(store);

        var report = await driver.IngestInBatchesAsync(team, Lines, batchSize: 4);

        Assert.Equal((12L, 2L), (report.Received, report.Rejected));
        Assert.Equal(await ReferenceSnapshotAsync(team), await GraphSnapshot.CaptureAsync(store, team));
    }

    [Fact]
    public async Task A_bulk_load_whose_every_message_is_refused_fails_store_wide_and_commits_nothing()
    {
        var team = ScenarioTeams.New();
        await using var store = await OpenRefusingAsync("%");

        var failure = await Assert.ThrowsAsync<StoreException>(() => new StoreDriver(store).IngestInBulkAsync(team, Lines[..4], batchSize: 4));

        Assert.False(failure.IsMessageCaused);
        Assert.Contains("each of the 4 messages", failure.Message, StringComparison.Ordinal);
        Assert.Equal(TeamCounts.None, await store.ReadTeamCountsAsync(team, CancellationToken.None));
    }

    private async Task<SqliteGraphStore> OpenRefusingAsync(string pattern)
    {
        var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        await using var connection = new SqliteConnection($"Data Source={_database.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TRIGGER refuse BEFORE INSERT ON nodes WHEN NEW.name LIKE '{pattern}' BEGIN SELECT RAISE(ABORT, 'poison refused'); END;";
        await command.ExecuteNonQueryAsync();
        return store;
    }

    // The same lines but the refused one, on a file without the trigger.
    private async Task<string> ReferenceSnapshotAsync(Depc.Core.Naming.TeamName team) =>
        (await OneMessageAtATime.IngestAsync(_reference.Path, team, [.. Lines.Where((_, i) => i != Poison)])).Snapshot;
}
