using Depc.Core.Messages;
using Depc.Core.Storage;
using Depc.Neo4j.Http;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>The schema a write creates before its first transaction, read back from the server's own catalogue.</summary>
[Collection(Neo4jServerGroup.Name)]
public sealed class SchemaTests(Neo4jServerFixture fixture) : StoreTestBase(fixture)
{
    [Fact]
    public async Task A_batch_of_seventy_labels_gets_every_labels_constraint_and_indexes_over_several_schema_requests()
    {
        var team = TestTeams.New();
        var labels = Enumerable.Range(0, 70).Select(i => $"L{i}").ToList();
        var messages = labels.Select((label, i) => new GraphMessage(new NodeSpec(label, "a"), new NodeSpec(labels[(i + 1) % labels.Count], "a"), new RelSpec(100, null)));

        var result = await Store.ApplyAsync(Depc.Core.Planning.BatchPlanner.Plan(team, [.. messages], Now), None);

        Assert.Equal(70, result.Accepted);
        var (constraints, indexes) = (await DescriptionsAsync("CALL db.constraints()"), await DescriptionsAsync("CALL db.indexes()"));
        foreach (var label in labels)
        {
            var namespaced = team.NamespacedLabel(label);
            Assert.Single(constraints, c => c.Contains($":{namespaced} )", StringComparison.Ordinal) && c.EndsWith(".name IS UNIQUE", StringComparison.Ordinal));
            Assert.Contains($"INDEX ON :{namespaced}(from)", indexes);
            Assert.Contains($"INDEX ON :{namespaced}(to)", indexes);
        }

        Assert.Contains($"INDEX ON :_Depc_Changes_{team.Value}(bucket)", indexes);
        Assert.Contains(constraints, c => c.EndsWith(":_Depc_PlannerSeed ) ASSERT _depc_plannerseed.n IS UNIQUE", StringComparison.Ordinal));
    }

    private async Task<List<string>> DescriptionsAsync(string procedure)
    {
        var descriptions = new List<string>();
        await Client.CommitAsync([new CypherStatement(procedure, OnRow: row => descriptions.Add(row[0].GetString()!))], None);
        return descriptions;
    }
}
