using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Neo4j.Cluster;
using Depc.Neo4j.Tests.Recorded;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>
/// No Neo4j cluster runs here: the leader lookup and the routing are checked against recorded answers of the
/// clusters' own procedures (3.x/4.x <c>dbms.cluster.overview()</c>, 5.x <c>SHOW DATABASES</c>) and error documents.
/// </summary>
public sealed class ClusterRoutingTests
{
    private static readonly TeamName Acme = TeamName.Parse("acme");

    [Fact]
    public void The_leader_is_read_from_each_kind_of_cluster_answer()
    {
        var overview3 = ClusterAnswer.FromOverview(Rows(RecordedAnswers.Overview3("b", "a", "c")), null);
        Assert.Contains("http://b:7474", overview3.LeaderAddresses);
        Assert.Equal(new Uri("http://b:7474/"), overview3.HttpRoot());

        // 4.x: the role is per database; another database's leader is not ours.
        Assert.Contains("http://b:7474", ClusterAnswer.FromOverview(Rows(RecordedAnswers.Overview4), null).LeaderAddresses);
        Assert.Contains("http://a:7474", ClusterAnswer.FromOverview(Rows(RecordedAnswers.Overview4), "system").LeaderAddresses);

        Assert.Equal(["c:7687"], ClusterAnswer.FromShowDatabases(Rows(RecordedAnswers.ShowDatabases5), null).LeaderAddresses);
        Assert.True(ClusterAnswer.FromShowDatabases(Rows("""{"results":[{"data":[{"row":["neo4j","localhost:7687","standalone"]}]}]}"""), null).Standalone);

        // An election in progress: nobody leads yet.
        var electing = ClusterAnswer.FromOverview(Rows("""{"results":[{"data":[{"row":["a",["http://a:7474"],"FOLLOWER"]},{"row":["b",["http://b:7474"],"CANDIDATE"]}]}]}"""), null);
        Assert.Empty(electing.LeaderAddresses);
        Assert.False(electing.Standalone);
    }

    [Fact]
    public async Task Writes_go_to_the_leader_and_follow_it_after_NotALeader()
    {
        var handler = Members3("a", "b", "c");
        handler.Answer("POST", "http://a:7474/db/data/transaction/commit", RecordedAnswers.Overview3("b", "a", "c"), when: "dbms.cluster.overview");
        handler.Answer("POST", "http://b:7474/db/data/transaction/commit", RecordedAnswers.EmptyResult);
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse("neo4j:http://a:7474,b:7474,c:7474", _ => null), handler);

        await store.WriteHeartbeatAsync(1, CancellationToken.None);
        Assert.Equal("b:7474", WriterOf(handler, "heartbeat").Single());

        // b steps down; a now names c.
        handler.Answer("POST", "http://b:7474/db/data/transaction/commit", RecordedAnswers.NotALeader);
        handler.Answer("POST", "http://a:7474/db/data/transaction/commit", RecordedAnswers.Overview3("c", "a", "b"), when: "dbms.cluster.overview");
        handler.Answer("POST", "http://c:7474/db/data/transaction/commit", RecordedAnswers.EmptyResult);
        var refused = await Assert.ThrowsAsync<Neo4jException>(() => store.WriteHeartbeatAsync(2, CancellationToken.None));
        Assert.True(refused.IsTransient);
        await store.WriteHeartbeatAsync(3, CancellationToken.None);
        Assert.Equal(["b:7474", "b:7474", "c:7474"], WriterOf(handler, "heartbeat"));
    }

    [Fact]
    public async Task A_leader_not_named_in_the_store_is_reached_by_the_address_the_cluster_gives()
    {
        var handler = Members3("a", "b", "d");
        handler.Answer("POST", "http://a:7474/db/data/transaction/commit", RecordedAnswers.Overview3("d", "a", "b"), when: "dbms.cluster.overview");
        handler.Answer("POST", "http://d:7474/db/data/transaction/commit", RecordedAnswers.EmptyResult);
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse("neo4j:http://a:7474,b:7474", _ => null), handler);

        await store.WriteHeartbeatAsync(1, CancellationToken.None);
        Assert.Equal("d:7474", WriterOf(handler, "heartbeat").Single());
    }

    [Fact]
    public async Task Neo4j5_finds_the_writer_through_SHOW_DATABASES_and_the_members_Bolt_addresses()
    {
        var handler = new RecordedHandler();
        foreach (var host in new[] { "a", "b", "c" })
        {
            handler.Answer("GET", $"http://{host}:7474/", RecordedAnswers.Root5Of(host));
        }

        handler.Answer("POST", "http://a:7474/db/system/tx/commit", RecordedAnswers.ShowDatabases5, when: "SHOW DATABASES");
        handler.Answer("POST", "http://c:7474/db/neo4j/tx/commit", RecordedAnswers.EmptyResult);
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse("neo4j:http://a:7474,b:7474,c:7474", _ => null), handler);

        await store.ApplyAsync(BatchPlanner.Plan(Acme, [new Core.Messages.GraphMessage(new Core.Messages.NodeSpec("Server", "s1"))], 1), CancellationToken.None);

        // The constraint and the node upsert both went to the writer, c.
        Assert.Equal(["c:7474", "c:7474"], handler.Sent.Where(r => r.Path == "/db/neo4j/tx/commit").Select(r => r.Member));
    }

    [Fact]
    public async Task Reads_spread_over_the_members_and_pass_over_one_that_is_down()
    {
        var handler = Members3("a", "b", "c");
        foreach (var host in new[] { "a", "c" })
        {
            handler.Answer("POST", $"http://{host}:7474/db/data/transaction/commit", """{"results":[{"columns":["m.value"],"data":[{"row":[42]}]}],"errors":[]}""");
        }

        // b is down: its discovery fails (no answer recorded there means 404; make it a broken connection instead).
        var down = new DownHostHandler(handler, "b:7474");
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse("neo4j:http://a:7474,b:7474,c:7474", _ => null), down);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(42, await store.ReadHeartbeatAsync(CancellationToken.None));
        }

        Assert.Equal(["a:7474", "c:7474"], handler.Sent.Where(r => r.Method == "POST").Select(r => r.Member).Distinct().Order());
    }

    private static RecordedHandler Members3(params string[] hosts)
    {
        var handler = new RecordedHandler();
        foreach (var host in hosts)
        {
            handler.Answer("GET", $"http://{host}:7474/", RecordedAnswers.Root3Of(host));
            handler.Answer("GET", $"http://{host}:7474/db/data/", RecordedAnswers.Data3Of(host));
        }

        return handler;
    }

    private static List<string> WriterOf(RecordedHandler handler, string text) =>
        [.. handler.Sent.Where(r => r.Method == "POST" && (r.Body?.Contains(text, StringComparison.Ordinal) ?? false)).Select(r => r.Member)];

    private static List<JsonElement> Rows(string answer) =>
        [.. JsonDocument.Parse(answer).RootElement.GetProperty("results")[0].GetProperty("data").EnumerateArray().Select(d => d.GetProperty("row").Clone())];

    /// <summary>Refuses every connection to one member, as a server that is down does.</summary>
    private sealed class DownHostHandler(HttpMessageHandler inner, string downMember) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Authority == downMember
                ? throw new HttpRequestException("Connection refused (" + downMember + ")")
                : base.SendAsync(request, cancellationToken);
    }
}
