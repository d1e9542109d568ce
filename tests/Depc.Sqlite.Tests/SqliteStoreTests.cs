using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Sqlite.Tests.Support;
using Depc.StoreScenarios;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Tests;

/// <summary>What is particular to the embedded store: the file, other writers, the original layout.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_stores_on_one_file_see_each_others_writes_despite_their_caches()
    {
        await using var first = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        await using var second = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var team = ScenarioTeams.New();
        var rel = """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": REL}""";

        await new StoreDriver(first).IngestAsync(team, rel.Replace("REL", """{"from": 10}""", StringComparison.Ordinal));
        await new StoreDriver(second).IngestAsync(team, rel.Replace("REL", """{"to": 20}""", StringComparison.Ordinal));
        Assert.Equal(DeleteOutcome.Deleted, await second.DeleteNodeAsync(team, "Db", "d", detach: true, CancellationToken.None));
        var report = await new StoreDriver(first).IngestAsync(team, rel.Replace("REL", """{"from": 30}""", StringComparison.Ordinal));

        Assert.Equal(1, report.Accepted);
        var link = Assert.Single(await first.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, CancellationToken.None));
        Assert.Equal([30L], link.Periods);
    }

    [Fact]
    public async Task A_file_locked_by_another_writer_fails_transiently_and_writes_nothing()
    {
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await using var _ = store;
        await store.InitializeAsync(CancellationToken.None);
        var team = ScenarioTeams.New();
        using (var locker = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            locker.Open();
            using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();

            var error = await Assert.ThrowsAsync<StoreException>(() => new StoreDriver(store).IngestAsync(team, """{"source": {"label": "App", "name": "a"}}"""));
            Assert.True(error.IsTransient);
        }

        Assert.Empty(await store.GetLabelsAsync(team, CancellationToken.None));
        var report = await new StoreDriver(store).IngestAsync(team, """{"source": {"label": "App", "name": "a"}}""");
        Assert.Equal(1, report.Accepted);
    }

    [Fact]
    public async Task Relationships_without_last_state_from_older_graphs_are_read_and_extended()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var team = ScenarioTeams.New();
        await new StoreDriver(store).IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {"from": 10, "to": 20}}""");
        using (var c = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            c.Open();
            using var legacy = c.CreateCommand();
            legacy.CommandText = "UPDATE relationships SET last_state = NULL, last_ts = NULL";
            legacy.ExecuteNonQuery();
        }

        await using var reopened = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var report = await new StoreDriver(reopened).IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {"from": 30}}""");

        Assert.Equal(1, report.Accepted);
        var link = Assert.Single(await reopened.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, CancellationToken.None));
        Assert.Equal([10L, 20L, 30L], link.Periods);
    }

    [Fact]
    public async Task A_database_from_a_newer_schema_is_refused_with_a_clear_error()
    {
        using (var c = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<StoreException>(() => SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None));
        Assert.Contains("newer Depc", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient, "no message causes a schema from the future: it is the store's, never a rejection");
    }

    [Fact]
    public async Task A_large_batch_spanning_many_multi_row_chunks_is_written_whole()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var team = ScenarioTeams.New();
        var lines = Enumerable.Range(0, 2_345)
            .Select(i => $$$"""{"source": {"label": "App", "name": "a{{{i % 250}}}"}, "target": {"label": "Db", "name": "d{{{i}}}"}, "rel": {"from": {{{i}}}}}""")
            .ToArray();

        var report = await new StoreDriver(store).IngestAsync(team, lines);

        Assert.Equal(2_345, report.Accepted);
        Assert.Equal([new LabelCount("App", 250), new LabelCount("Db", 2_345)], await store.GetLabelsAsync(team, CancellationToken.None));
        Assert.Equal(10, await store.CountDependenciesAsync(team, "App", "a7", CancellationToken.None));
    }

    [Fact]
    public async Task Relationships_dropped_from_a_small_write_cache_are_still_found_and_extended()
    {
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = _database.Path, MaxWriteCacheBytes = 2_000 });
        await using var _ = store;
        await store.InitializeAsync(CancellationToken.None);
        var driver = new StoreDriver(store);
        var team = ScenarioTeams.New();
        static string Rel(int i, string rel) =>
            $$"""{"source": {"label": "App", "name": "a{{i % 7}}"}, "target": {"label": "Db", "name": "d{{i}}"}, "rel": {{rel}}}""";

        // Batches of 5 over a cache of 2,000 bytes (about ten entries): states are dropped again and again, their keys
        // kept in filters within a quarter of it (then the cache no longer claims to know every relationship, and reads
        // them).
        var opened = await driver.IngestInBatchesAsync(team, [.. Enumerable.Range(0, 30).Select(i => Rel(i, """{"from": 10}"""))], batchSize: 5);
        var closed = await driver.IngestInBatchesAsync(team, [.. Enumerable.Range(0, 30).Select(i => Rel(i, """{"to": 20}"""))], batchSize: 5);
        var resent = await driver.IngestInBatchesAsync(team, [.. Enumerable.Range(0, 30).Select(i => Rel(i, """{"to": 20}"""))], batchSize: 5);
        var reopened = await driver.IngestInBatchesAsync(team, [.. Enumerable.Range(0, 30).Select(i => Rel(i, """{"from": 30}"""))], batchSize: 5);

        Assert.Equal((30, 30, 30, 30), (opened.Accepted, closed.Accepted, resent.Duplicates, reopened.Accepted));
        var links = await store.GetNeighboursAsync(team, "App", "a3", Direction.Dependencies, CancellationToken.None);
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Equal([10L, 20L, 30L], l.Periods));
    }

    [Fact]
    public async Task A_relationship_whose_periods_outgrow_the_writers_text_buffer_is_stored_whole_each_time()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var driver = new StoreDriver(store);
        var team = ScenarioTeams.New();
        var periods = Enumerable.Range(1, 40).Select(i => 1_700_000_000L + (i * 100)).ToArray();

        // One event a batch, read back each time: every period list is written, each one longer than the last.
        for (var i = 0; i < periods.Length; i++)
        {
            var rel = i % 2 == 0 ? $$"""{"from": {{periods[i]}}}""" : $$"""{"to": {{periods[i]}}}""";
            var report = await driver.IngestAsync(team, $$"""{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {{rel}}}""");

            Assert.Equal(1, report.Accepted);
            var link = Assert.Single(await store.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, CancellationToken.None));
            Assert.Equal(periods[..(i + 1)], link.Periods);
        }
    }

    [Fact]
    public async Task A_bulk_write_left_uncommitted_writes_nothing_and_what_its_cache_learnt_is_forgotten()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var driver = new StoreDriver(store);
        var team = ScenarioTeams.New();
        await driver.IngestAsync(team, """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "d"}, "rel": {"from": 10}}""");
        var toE = """{"source": {"label": "App", "name": "a"}, "target": {"label": "Db", "name": "e"}, "rel": {"from": 20}}""";

        var write = await store.BeginBulkWriteAsync(CancellationToken.None);
        var result = await write.WriteAsync(new StoreWrite(driver.Plan(team, toE, """{"source": {"label": "App", "name": "a", "props": {"from": 5}}}"""), 1), CancellationToken.None);
        await write.DisposeAsync();

        Assert.Equal(2, result.Report.Accepted);
        Assert.Equal(1, (await store.ReadTeamCountsAsync(team, CancellationToken.None)).Received);
        Assert.Null(await store.GetNodeAsync(team, "Db", "e", CancellationToken.None));
        Assert.Null((await store.GetNodeAsync(team, "App", "a", CancellationToken.None))!.From);
        // Had the writer kept e's rolled-back id, this relationship would point at no node.
        Assert.Equal(1, (await driver.IngestAsync(team, toE)).Accepted);
        var links = await store.GetNeighboursAsync(team, "App", "a", Direction.Dependencies, CancellationToken.None);
        Assert.Equal(["d [10]", "e [20]"], links.Select(l => $"{l.Node.Name} [{string.Join(',', l.Periods)}]").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Other_writes_wait_for_a_bulk_write_to_commit_and_a_bulk_write_is_used_once()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var driver = new StoreDriver(store);
        var team = ScenarioTeams.New();
        var plan = new StoreWrite(driver.Plan(team, """{"source": {"label": "App", "name": "a"}}"""), 1);

        var write = await store.BeginBulkWriteAsync(CancellationToken.None);
        await write.WriteAsync(plan, CancellationToken.None);
        var heartbeat = store.WriteHeartbeatAsync(42, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(heartbeat.IsCompleted);
        Assert.Null(await store.GetNodeAsync(team, "App", "a", CancellationToken.None));

        await write.CommitAsync(CancellationToken.None);
        await heartbeat;

        Assert.Equal(42, await store.ReadHeartbeatAsync(CancellationToken.None));
        Assert.NotNull(await store.GetNodeAsync(team, "App", "a", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => write.WriteAsync(plan, CancellationToken.None));
        await write.DisposeAsync();
    }

    [Fact]
    public async Task A_read_only_file_opens_for_reading_and_its_writes_fail_store_wide_until_it_is_writable_again()
    {
        var team = ScenarioTeams.New();
        await using (var first = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None))
        {
            await new StoreDriver(first).IngestAsync(team, """{"source": {"label": "App", "name": "a"}}""");
        }

        SqliteConnection.ClearAllPools();
        await using var store = new SqliteGraphStore(new SqliteStoreOptions { Path = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        var driver = new StoreDriver(store);
        using (Depc.Testing.Faults.ReadOnlyFile.Make(_database.Path))
        {
            await store.InitializeAsync(CancellationToken.None);
            Assert.NotNull(await store.GetNodeAsync(team, "App", "a", CancellationToken.None));

            var e = await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(new StoreWrite(driver.Plan(team, """{"source": {"label": "App", "name": "b"}}"""), 1), CancellationToken.None));
            Assert.True(e.IsTransient, e.Message);
            Assert.Contains("readonly", e.Message, StringComparison.OrdinalIgnoreCase);
        }

        var written = await store.WriteAsync(new StoreWrite(driver.Plan(team, """{"source": {"label": "App", "name": "b"}}"""), 1), CancellationToken.None);
        Assert.Equal(1, written.Report.Accepted);
        Assert.Equal(["a", "b"], await store.GetNodeNamesAsync(team, "App", new NodeListQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task A_file_made_before_the_change_index_gets_it_filled_once_when_opened()
    {
        var team = ScenarioTeams.New();
        await using (var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None))
        {
            await new StoreDriver(store).IngestAsync(
                team,
                """{"source": {"label": "App", "name": "a", "props": {"from": 100}}, "target": {"label": "Db", "name": "d"}, "rel": {"from": 10, "to": 20}}""");
        }

        SqliteConnection.ClearAllPools();
        using (var older = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            older.Open();
            using var drop = older.CreateCommand();
            // A file made before the change index: schema 1, no changes table.
            drop.CommandText = "DROP TABLE changes; PRAGMA user_version = 1;";
            drop.ExecuteNonQuery();
        }

        await using var reopened = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var diff = (await Core.Queries.TimeTravelQueries.DiffAsync(reopened, team, new Core.Queries.DiffQuery(15, 150), CancellationToken.None)).Answer!;

        Assert.Equal("a", Assert.Single(diff.Appeared.Nodes).Name);
        Assert.Equal("d", Assert.Single(diff.Disappeared.Relationships).Target.Name);
    }
}
