using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Depc.Core.Messages;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Writing;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>
/// The first writes into an empty database, on a server of its own: the id lookups of the write path must be planned
/// as seeks. Neo4j caches a statement's plan, and <c>EXPLAIN</c> of the same text answers the cached one, so the plans
/// asserted are the ones the writes ran with.
/// </summary>
public sealed class PlannerSeedTests
{
    [Fact]
    public async Task The_first_writes_into_an_empty_database_find_their_nodes_by_id_seek_not_by_scanning_every_node()
    {
        await using var server = await Neo4jTestServer.StartAsync();
        await using var store = Neo4jGraphStore.Create(Neo4jConnectionString.Parse(server.StoreSpec, _ => null));
        await store.InitializeAsync(CancellationToken.None);
        var team = TestTeams.New();
        var messages = Enumerable.Range(0, 2_000)
            .Select(i => new GraphMessage(new NodeSpec("Server", $"s{i % 200}"), new NodeSpec("Cluster", $"c{i % 7}"), new RelSpec(100 + i, null)))
            .ToList();

        // 1,000 new pairs: relationships created by their nodes' ids. Then 400 new pairs and 600 stored ones, read first.
        var first = await store.ApplyAsync(BatchPlanner.Plan(team, messages[..1_000], 1), CancellationToken.None);
        var second = await store.ApplyAsync(BatchPlanner.Plan(team, messages[1_000..], 1), CancellationToken.None);

        Assert.Equal(1_000, first.Accepted);
        Assert.Equal((400, 600), (second.Accepted, second.Duplicates));
        Assert.Equal([new LabelCount("Cluster", 7), new LabelCount("Server", 200)], await store.GetLabelsAsync(team, CancellationToken.None));
        foreach (var text in new[] { RelationshipStatements.Create([]).Text, RelationshipStatements.Read([], []).Text })
        {
            var operators = await CachedPlanAsync(server, text);
            Assert.Contains("NodeByIdSeek", operators);
            Assert.DoesNotContain("AllNodesScan", operators);
        }
    }

    private static async Task<List<string>> CachedPlanAsync(Neo4jTestServer server, string text)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Neo4jTestServer.User}:{Neo4jTestServer.Password}")));
        var body = new { statements = new[] { new { statement = "EXPLAIN " + text, parameters = new { rows = Array.Empty<object>() } } } };
        using var response = await http.PostAsJsonAsync(new Uri(server.HttpUri, "db/data/transaction/commit"), body);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, answer.RootElement.GetProperty("errors").GetArrayLength());
        var operators = new List<string>();
        Collect(answer.RootElement.GetProperty("results")[0].GetProperty("plan").GetProperty("root"), operators);
        return operators;
    }

    private static void Collect(JsonElement node, List<string> operators)
    {
        operators.Add(node.GetProperty("operatorType").GetString()!);
        if (node.TryGetProperty("children", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, operators);
            }
        }
    }
}
