using Depc.Sqlite.Tests.Support;
using Depc.StoreScenarios;

namespace Depc.Sqlite.Tests;

/// <summary>
/// A bulk load writes its relationship rows with each batch while the file fits in the page cache, and in key order at
/// the commit once it does not (a page cache ceiling of 1 KiB is below any file): both give the graph and counts that
/// one message at a time gives, with relationships opened, closed and reopened across the batches of one transaction.
/// </summary>
public sealed class RelationshipFlushTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TempDatabase _reference = new();

    public void Dispose()
    {
        _database.Dispose();
        _reference.Dispose();
    }

    [Theory]
    [InlineData(SqliteStoreOptions.DefaultPageCacheBytes)]
    [InlineData(1024)]
    public async Task A_bulk_load_gives_the_graph_of_one_message_at_a_time_whichever_way_its_relationship_rows_are_written(long pageCacheCeiling)
    {
        var team = ScenarioTeams.New();
        var lines = Lines(seed: 7, count: 300);
        await using var store = await SqliteGraphStore.OpenAsync(new SqliteStoreOptions { Path = _database.Path, MaxPageCacheBytes = pageCacheCeiling }, CancellationToken.None);

        var reports = await new StoreDriver(store).IngestInBulkAsync(team, lines, batchSize: 7);

        var (expected, snapshot) = await OneMessageAtATime.IngestAsync(_reference.Path, team, lines);
        Assert.Equal(snapshot, await GraphSnapshot.CaptureAsync(store, team));
        Assert.Equal(
            (expected.Received, expected.Accepted, expected.Rejected, expected.Duplicates),
            (reports.Sum(r => r.Received), reports.Sum(r => r.Accepted), reports.Sum(r => r.Rejected), reports.Sum(r => r.Duplicates)));
        Assert.True(expected.Rejected > 0 && expected.Duplicates > 0, $"the lines should meet every outcome: {expected}");
    }

    // Few nodes, so that each relationship changes in many batches: opened, closed, reopened, re-sent without bounds.
    private static List<string> Lines(int seed, int count)
    {
        var random = new Random(seed);
        var lines = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var (app, db, ts) = (random.Next(5), random.Next(4), 100 + (i * 10) - random.Next(25));
            var source = $"\"source\": {{\"label\": \"App\", \"name\": \"a{app}\"";
            var target = $"\"target\": {{\"label\": \"Db\", \"name\": \"d{db}\"";
            lines.Add(random.Next(6) switch
            {
                0 => $"{{{source}, \"props\": {{\"from\": {ts}}}}}}}",
                1 => $"{{{source}}}, {target}}}}}",
                2 or 3 => $"{{{source}}}, {target}}}, \"rel\": {{\"to\": {ts}}}}}",
                _ => $"{{{source}}}, {target}, \"props\": {{\"to\": {ts + 5000}}}}}, \"rel\": {{\"from\": {ts}}}}}",
            });
        }

        return lines;
    }
}
