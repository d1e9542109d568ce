using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Depc.Delivery.Tests.Support;
using Depc.Testing.Neo4j;
using Xunit.Abstractions;

namespace Depc.Delivery.Tests.Faults;

[Collection(DeliveryTests.Name)]
public sealed class Neo4jPasswordTests(KafkaCluster kafka, ITestOutputHelper output) : OwnNeo4j
{
    private const string Changed = "changed-by-an-operator";
    [Fact]
    public async Task A_changed_Neo4j_password_pauses_consumption_and_rejects_nothing_then_everything_is_applied_once_it_is_back()
    {
        var neo4j = Neo4j;
        var team = "pw-" + Guid.NewGuid().ToString("N")[..8];
        kafka.Cluster.CreateTopic("depc." + team, 2);
        var folder = Directory.CreateTempSubdirectory("depc-password-").FullName;
        using var producer = new StreamProducer(kafka.BootstrapServers);
        try
        {
            await using var depc = await DepcInstance.StartAsync(folder, neo4j.StoreSpec, kafka.BootstrapServers, team, "g-" + team);
            await producer.ProduceAsync("depc." + team, Messages(0, 40));
            await depc.WaitReceivedAsync(40, TimeSpan.FromSeconds(60));

            await ChangePasswordAsync(neo4j, Neo4jTestServer.Password, Changed);
            await producer.ProduceAsync("depc." + team, Messages(40, 40));
            await Task.Delay(4_000);

            // Refused credentials are the store's failure, not the messages': nothing applied, nothing rejected.
            Assert.Equal(40, await ReceivedInNeo4jAsync(neo4j, Changed, team));
            using (var ready = await depc.Admin.GetAsync("/health/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            // The feed is in Neo4j too: unreadable meanwhile, and empty once it is back (below).
            using (var feed = await depc.Admin.GetAsync($"/v1/teams/{team}/rejections"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, feed.StatusCode);
            }

            Assert.Contains("Neo.ClientError.Security.Unauthorized", depc.Server.Log, StringComparison.Ordinal);
            Assert.Contains("store-wide failure no message caused", depc.Server.Log, StringComparison.Ordinal);

            await ChangePasswordAsync(neo4j, Changed, Neo4jTestServer.Password);
            await depc.WaitReceivedAsync(80, TimeSpan.FromSeconds(90));
            await Task.Delay(1_000);
            Assert.Equal((80L, 80L, 0L, 0L), await depc.CountsAsync());
            Assert.Contains("label Server 80", await depc.GraphAsync(), StringComparison.Ordinal);
            Assert.Empty(await ApiGraph.RejectionsAsync(depc.Admin, team));
            await depc.Server.WaitUntilAsync("/health/ready", TimeSpan.FromSeconds(30));
            output.WriteLine(DepcInstance.Tail(depc.Server.Log));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ChangePasswordAsync(Neo4jTestServer neo4j, string current, string next) =>
        await CypherAsync(neo4j, current, "CALL dbms.security.changePassword($password)", new JsonObject { ["password"] = next });

    private static async Task<long> ReceivedInNeo4jAsync(Neo4jTestServer neo4j, string password, string team)
    {
        var answer = await CypherAsync(neo4j, password, "MATCH (c:_Depc_TeamCounts {team: $team}) RETURN c.received", new JsonObject { ["team"] = team });
        return answer["results"]![0]!["data"]![0]!["row"]![0]!.GetValue<long>();
    }

    // Depc keeps trying the old password meanwhile, so Neo4j locks the user for 5 s now and then: try again then.
    private static async Task<JsonNode> CypherAsync(Neo4jTestServer neo4j, string password, string statement, JsonObject parameters)
    {
        using var http = new HttpClient { BaseAddress = neo4j.HttpUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Neo4jTestServer.User}:{password}")));
        var body = new JsonObject { ["statements"] = new JsonArray(new JsonObject { ["statement"] = statement, ["parameters"] = parameters.DeepClone() }) };
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsync("/db/data/transaction/commit", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var errors = answer["errors"]!.AsArray();
            if (attempt < 60 && errors.Any(e => e!["code"]!.GetValue<string>() == "Neo.ClientError.Security.AuthenticationRateLimit"))
            {
                await Task.Delay(1_000);
                continue;
            }

            Assert.True(response.IsSuccessStatusCode && errors.Count == 0, $"{statement}: {answer.ToJsonString()}");
            return answer;
        }
    }

    private static IEnumerable<StreamMessage> Messages(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new StreamMessage(i % 2, $$$"""{"source": {"label": "Server", "name": "n{{{i}}}"}}""", TopologyStream.Start.AddSeconds(i)));
}
