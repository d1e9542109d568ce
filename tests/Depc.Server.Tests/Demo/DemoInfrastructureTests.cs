using System.Text;
using Depc.Core.Ingestion;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Server.Demo;
using Depc.Server.Tests.Support;
using Depc.Sqlite;

namespace Depc.Server.Tests.Demo;

public sealed class DemoInfrastructureTests
{
    // 2025-03-15T10:20:30Z, any moment would do: everything is relative to it.
    private const long Now = 1_742_034_030;
    private const long Day = 86_400;

    private static readonly TeamName Team = TeamName.Parse(DemoInfrastructure.Team);

    [Fact]
    public void The_same_moment_gives_the_same_messages_and_every_one_is_valid()
    {
        var messages = DemoInfrastructure.Messages(Now);

        Assert.Equal(messages, DemoInfrastructure.Messages(Now));
        var decoder = new MessageDecoder();
        Assert.All(messages, m => Assert.True(decoder.Decode(Encoding.UTF8.GetBytes(m)).Message is not null, m));
    }

    [Fact]
    public async Task A_few_hundred_nodes_of_six_kinds_are_written_without_a_rejection_or_a_duplicate()
    {
        var demo = await IngestAsync();
        await using (demo)
        {
            var (store, report) = (demo.Store, demo.Report);
            Assert.Equal(report.Received, report.Accepted);
            var labels = await store.GetLabelsAsync(Team, default);
            Assert.Equal(["Cluster", "Datacenter", "Rack", "Server", "Service", "Website"], labels.Select(l => l.Name));
            Assert.InRange(labels.Sum(l => l.NodesCount), 200, 500);
        }
    }

    [Fact]
    public async Task Links_open_close_and_reopen_in_the_weeks_before_now_and_nothing_happens_after_it()
    {
        var demo = await IngestAsync();
        await using (demo)
        {
            var links = await AllLinksAsync(demo.Store);
            var windowStart = Now - (long)DemoInfrastructure.Window.TotalSeconds;

            Assert.All(links, periods => Assert.All(periods, t => Assert.InRange(t, Now - (500 * Day), Now)));
            var reopened = links.Count(p => p.Length >= 3 && p.Length % 2 == 1 && p[1] >= windowStart);
            var closedNow = links.Count(p => p.Length % 2 == 0 && p[^1] >= windowStart);
            var openedLately = links.Count(p => p.Length == 1 && p[0] >= windowStart);
            Assert.True(reopened >= 10, $"{reopened} links closed and reopened in the weeks shown");
            Assert.True(closedNow >= 5, $"{closedNow} links closed in the weeks shown and still closed");
            Assert.True(openedLately >= 3, $"{openedLately} links opened in the weeks shown");
            Assert.True(links.Count > 400, $"{links.Count} links");
        }
    }

    private static async Task<IngestedDemo> IngestAsync()
    {
        var path = TempDatabaseFile.NewPath();
        var store = await SqliteGraphStore.OpenAsync(path, default);
        await store.InitializeAsync(default);
        var pipeline = new IngestPipeline(store, new MessageDecoder(), StoreRetry.Once(TimeProvider.System, new StoreHealth()));
        var messages = DemoInfrastructure.Messages(Now).Select((m, i) => new RawMessage(Encoding.UTF8.GetBytes(m), MessageOrigin.FileLine("demo", i + 1), Now)).ToList();
        var report = (await pipeline.WriteAsync(new StoreWrite(pipeline.Plan(Team, messages), Now), default)).Report;
        Assert.Empty(report.Rejections);
        return new IngestedDemo(store, path, report);
    }

    private static async Task<List<long[]>> AllLinksAsync(SqliteGraphStore store)
    {
        var links = new List<long[]>();
        foreach (var label in await store.GetLabelsAsync(Team, default))
        {
            foreach (var name in await store.GetNodeNamesAsync(Team, label.Name, new NodeListQuery(), default))
            {
                var neighbours = await store.GetNeighboursAsync(Team, label.Name, name, Direction.Dependencies, default);
                links.AddRange(neighbours.Select(n => n.Periods));
            }
        }

        return links;
    }

    /// <summary>The demo written into a store of its own, whose file goes with it.</summary>
    private sealed class IngestedDemo(SqliteGraphStore store, string path, IngestReport report) : IAsyncDisposable
    {
        public SqliteGraphStore Store => store;

        public IngestReport Report => report;

        public async ValueTask DisposeAsync()
        {
            await store.DisposeAsync();
            TempDatabaseFile.Delete(path);
        }
    }
}
