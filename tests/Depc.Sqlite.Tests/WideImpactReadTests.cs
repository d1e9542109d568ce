using Depc.Core.Storage;
using Depc.Sqlite.Tests.Support;
using Depc.StoreScenarios;

namespace Depc.Sqlite.Tests;

/// <summary>
/// A layer of thousands of nodes is read in two overlapping stages (one steps SQLite, the other builds the subgraph):
/// the subgraph must be exactly the one the rows describe, in several chunks, with nodes reached twice added once.
/// </summary>
public sealed class WideImpactReadTests : IDisposable
{
    private const int Middle = 3_000;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_wide_layer_gives_every_node_once_with_each_relationship_and_its_periods()
    {
        await using var store = await SqliteGraphStore.OpenAsync(_database.Path, CancellationToken.None);
        var team = ScenarioTeams.New();
        List<string> lines = [];
        // root ← m0…m2999 ← two leaves each (b_i, c_i), and shared s_j depends on m_j and m_(j+1): 2 of 9,000 second-layer rows per shared node.
        for (var i = 0; i < Middle; i++)
        {
            lines.Add(Link("Mid", $"m{i}", "Root", "root", $$"""{"from": {{i + 1}}}"""));
            lines.Add(Link("Leaf", $"b{i}", "Mid", $"m{i}", $$"""{"from": {{i + 10}}}"""));
            lines.Add(Link("Leaf", $"c{i}", "Mid", $"m{i}", """{"from": 5}"""));
            lines.Add(Link("Leaf", $"c{i}", "Mid", $"m{i}", """{"to": 7}"""));
            lines.Add(Link("Shared", $"s{i}", "Mid", $"m{i}", """{"from": 3}"""));
            lines.Add(Link("Shared", $"s{i}", "Mid", $"m{(i + 1) % Middle}", """{"from": 4}"""));
        }

        lines.Add("""{"source": {"label": "Leaf", "name": "b7", "props": {"from": 2, "to": 99}}}""");
        await new StoreDriver(store).IngestInBatchesAsync(team, lines, 10_000);

        var graph = (await store.GetImpactSubgraphAsync(team, "Root", "root", CancellationToken.None))!;

        var names = graph.Nodes.ToDictionary(n => n.Id);
        Assert.Equal(1 + (4 * Middle), graph.NodeCount);
        Assert.Equal(names.Count, graph.Nodes.Select(n => (n.Label, n.Name)).Distinct().Count());
        Assert.Equal(5 * Middle, graph.EdgeCount);
        var edges = graph.Edges.ToDictionary(
            e => (Name(e.DependentId), Name(e.DependencyId)),
            e => e.Periods);
        for (var i = 0; i < Middle; i++)
        {
            Assert.Equal([i + 1L], edges[($"m{i}", "root")]);
            Assert.Equal([i + 10L], edges[($"b{i}", $"m{i}")]);
            Assert.Equal([5L, 7L], edges[($"c{i}", $"m{i}")]);
            Assert.Equal([3L], edges[($"s{i}", $"m{i}")]);
            Assert.Equal([4L], edges[($"s{i}", $"m{(i + 1) % Middle}")]);
        }

        var bounded = graph.Nodes.Single(n => n.Name == "b7");
        Assert.Equal(("Leaf", 2L, 99L), (bounded.Label, bounded.From!.Value, bounded.To!.Value));
        Assert.All(graph.Nodes.Where(n => n.Name != "b7"), n => Assert.Null(n.From));

        string Name(long id) => id == graph.Root.Id ? "root" : names[id].Name;
    }

    private static string Link(string sourceLabel, string source, string targetLabel, string target, string rel) =>
        $$"""{"source": {"label": "{{sourceLabel}}", "name": "{{source}}"}, "target": {"label": "{{targetLabel}}", "name": "{{target}}"}, "rel": {{rel}}}""";
}
