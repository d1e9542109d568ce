using Depc.Core.Storage;
using Xunit;

namespace Depc.Core.Tests.Queries;

/// <summary>
/// The builder lends its growth steps to the shared pool and its index map to the thread's next builder: subgraphs
/// built one after another on a thread must each keep exactly their own nodes, edges and periods.
/// </summary>
public sealed class ImpactSubgraphBuilderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(5_000)]
    [InlineData(70_000)]
    public void Subgraphs_built_in_turn_on_one_thread_keep_their_own_contents(int width)
    {
        var first = Star(width, idBase: 1_000_000, label: "Server", firstPeriod: 10);
        var second = Star(width + 3, idBase: 1, label: "Website", firstPeriod: 20);

        AssertStar(first, width, idBase: 1_000_000, label: "Server", firstPeriod: 10);
        AssertStar(second, width + 3, idBase: 1, label: "Website", firstPeriod: 20);
    }

    [Fact]
    public void A_built_builder_takes_nothing_more()
    {
        var builder = new ImpactSubgraphBuilder(new GraphNode(1, "Rack", "r1", null, null));
        builder.Build();

        Assert.Throws<ObjectDisposedException>(() => builder.Add(2, "Server", "s2", null, null));
        Assert.Throws<ObjectDisposedException>(() => builder.AddEdge(0, 0, []));
        Assert.Throws<ObjectDisposedException>(() => builder.TryGetIndex(1, out _));
    }

    [Fact]
    public void A_node_added_twice_keeps_its_first_index()
    {
        var builder = new ImpactSubgraphBuilder(new GraphNode(7, "Rack", "r7", null, null));
        var server = builder.Add(8, "Server", "s8", 5, null);

        Assert.Equal(server, builder.Add(8, "Server", "renamed", null, null));
        var graph = builder.Build();
        Assert.Equal(2, graph.NodeCount);
        Assert.Equal("s8", graph.Name(server));
        Assert.Equal(5, graph.From(server));
    }

    // A root and `width` dependents, each with two periods starting at firstPeriod + its number.
    private static ImpactSubgraph Star(int width, long idBase, string label, long firstPeriod)
    {
        var builder = new ImpactSubgraphBuilder(new GraphNode(idBase, "Rack", "root", null, null));
        for (var i = 1; i <= width; i++)
        {
            var dependent = builder.Add(idBase + i, label, $"{label}{i}", i, null);
            builder.AddEdge(dependent, 0, [firstPeriod + i, firstPeriod + i + 1]);
        }

        return builder.Build();
    }

    private static void AssertStar(ImpactSubgraph graph, int width, long idBase, string label, long firstPeriod)
    {
        Assert.Equal(width + 1, graph.NodeCount);
        Assert.Equal(width, graph.EdgeCount);
        Assert.Equal(idBase, graph.Root.Id);
        for (var i = 1; i <= width; i++)
        {
            Assert.Equal(label, graph.Label(i));
            Assert.Equal($"{label}{i}", graph.Name(i));
            Assert.Equal(i, graph.From(i));
            Assert.Equal(i, graph.Dependent(i - 1));
            Assert.Equal(0, graph.Dependency(i - 1));
            Assert.Equal([firstPeriod + i, firstPeriod + i + 1], graph.Periods(i - 1).ToArray());
        }
    }
}
