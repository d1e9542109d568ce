using System.Diagnostics;
using System.Net;
using System.Text;
using Depc.Core.Messages;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Tests.Recorded;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>
/// The routing against two real Neo4j 3.1.1 servers standing in for cluster members: a member down is passed over
/// within seconds, and writes follow the leader that the cluster procedure names (its answer recorded, since
/// Community Edition has no cluster: everything else is the real servers' answers).
/// </summary>
public sealed class ClusterMemberTests(TwoServersFixture servers) : IClassFixture<TwoServersFixture>
{
    private static readonly Polly.ResiliencePipeline CallerRetry = StoreRetry.Create(20, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), TimeProvider.System);

    [Fact]
    public async Task Writes_follow_the_leader_the_cluster_names_and_move_after_NotALeader()
    {
        var cluster = new StandInCluster(new SocketsHttpHandler()) { Leader = Authority(servers.Second) };
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse(servers.ClusterSpec, _ => null), cluster);
        var team = TestTeams.New("lead");

        await WriteAsync(store, team, "s1");
        Assert.True(await HasNodeAsync(servers.Second, team, "s1"));
        Assert.False(await HasNodeAsync(servers.First, team, "s1"));

        // The leadership moves to the first server; the second refuses writes as a follower does.
        (cluster.Leader, cluster.Follower) = (Authority(servers.First), Authority(servers.Second));
        var clock = Stopwatch.StartNew();
        await WriteAsync(store, team, "s2");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(await HasNodeAsync(servers.First, team, "s2"));
        Assert.False(await HasNodeAsync(servers.Second, team, "s2"));
        Assert.True(cluster.Refused > 0);
    }

    [Fact]
    public async Task A_member_that_is_down_is_passed_over_within_seconds_for_writes_and_reads()
    {
        await using var store = Neo4jGraphStore.Create(Neo4jConnectionString.Parse(servers.ClusterSpec, _ => null));
        var team = TestTeams.New("down");

        // Single servers, no cluster procedure: the first member that answers takes the writes.
        await WriteAsync(store, team, "s1");
        Assert.True(await HasNodeAsync(servers.First, team, "s1"));

        await servers.First.KillAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await WriteAsync(store, team, "s2");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
            Assert.True(await HasNodeAsync(servers.Second, team, "s2"));
            Assert.NotNull(await store.GetNodeAsync(team, "Server", "s2", CancellationToken.None));
        }
        finally
        {
            await servers.First.RestartAsync();
        }
    }

    private static string Authority(Neo4jTestServer server) => $"127.0.0.1:{server.HttpPort}";

    /// <summary>The caller's side: the batch is written again after a transient failure, as the Kafka worker and HTTP ingestion do.</summary>
    private static async Task WriteAsync(Neo4jGraphStore store, TeamName team, string name)
    {
        var plan = BatchPlanner.Plan(team, [new GraphMessage(new NodeSpec("Server", name), new NodeSpec("Cluster", "k"), new RelSpec(1, null))], 1);
        var result = await CallerRetry.ExecuteAsync(async token => await store.ApplyAsync(plan, token), CancellationToken.None);
        Assert.Equal(1, result.Accepted);
    }

    private static async Task<bool> HasNodeAsync(Neo4jTestServer server, TeamName team, string name)
    {
        await using var single = Neo4jGraphStore.Create(Neo4jConnectionString.Parse(server.StoreSpec, _ => null));
        return await single.GetNodeAsync(team, "Server", name, CancellationToken.None) is not null;
    }

    /// <summary>
    /// Answers <c>CALL dbms.cluster.overview()</c> as a 3.x cluster would, naming <see cref="Leader"/>, and refuses
    /// writes to <see cref="Follower"/> with <c>NotALeader</c>; every other request goes to the real servers.
    /// </summary>
    private sealed class StandInCluster(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _refused;

        public string Leader { get; set; } = "";

        public string? Follower { get; set; }

        public int Refused => _refused;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains("dbms.cluster.overview", StringComparison.Ordinal))
            {
                return Json(
                    $$"""{"results":[{"columns":["id","addresses","role"],"data":[{"row":["1",["bolt://x:7687","http://{{Leader}}"],"LEADER"]}]}],"errors":[]}""");
            }

            if (request.Method == HttpMethod.Post && request.RequestUri!.Authority == Follower)
            {
                Interlocked.Increment(ref _refused);
                return Json(RecordedAnswers.NotALeader);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private static HttpResponseMessage Json(string text) =>
            new(HttpStatusCode.OK) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
    }
}
