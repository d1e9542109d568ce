using Depc.Core.Planning;
using Depc.Sqlite.Tests.Support;
using Depc.StoreScenarios;

namespace Depc.Sqlite.Tests;

/// <summary>
/// Runs alone (it measures the managed heap): the writer's cache of nodes is bounded by bytes, so a team sending
/// huge node names cannot make the store keep them all (issue 12: 1 MiB names had grown a server to ~1 GB).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[Collection(Name)]
public sealed class WriteCacheMemoryTests : IDisposable
{
    public const string Name = "write cache memory";

    private const int NameBytes = 1024 * 1024;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Nodes_with_1_MiB_names_are_not_all_kept_by_the_write_cache()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var team = ScenarioTeams.New();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // 120 names of 1 MiB: 240 MiB as .NET strings, each written in its own transaction as a server would.
        for (var i = 0; i < 120; i++)
        {
            var name = string.Create(NameBytes, i, (span, n) =>
            {
                span.Fill('a');
                n.TryFormat(span, out _, provider: System.Globalization.CultureInfo.InvariantCulture);
            });
            var plan = new BatchPlan(team, 1, [new LabelNodes("Blob", [new NodeUpsert(name, null, null)])], []);
            var result = await store.ApplyAsync(plan, CancellationToken.None);
            Assert.Equal(1, result.Accepted);
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        // The default budget is 48 MiB (SqliteStoreOptions.DefaultWriteCacheBytes); what else the store holds is small.
        Assert.True(retained < 96L * 1024 * 1024, $"the store kept {retained / (1024 * 1024)} MiB after writing 120 node names of 1 MiB");
        Assert.Equal(120, (await store.GetLabelsAsync(team, CancellationToken.None)).Single().NodesCount);
        Assert.NotNull(await store.GetNodeAsync(team, "Blob", string.Create(NameBytes, 7, (span, n) =>
        {
            span.Fill('a');
            span[0] = '7';
        }), CancellationToken.None));
    }
}
