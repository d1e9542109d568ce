using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc query labels | nodes | node | count</c> on the shop scenario, compared as exact JSON.</summary>
public sealed class QueryCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public async Task InitializeAsync()
    {
        await _sandbox.SeedAsync("acme", CliScenario.Shop);
        await _sandbox.SeedAsync("other", """{"source":{"label":"Server","name":"web1"}}""", """{"source":{"label":"Queue","name":"q"}}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Labels_are_listed_by_name_with_their_node_counts()
    {
        JsonAssert.Equal(
            """[{"name":"Database","nodes_count":1},{"name":"Server","nodes_count":3},{"name":"Website","nodes_count":1}]""",
            await _sandbox.QueryAsync("labels", "--team", "acme"));
    }

    [Fact]
    public async Task Labels_of_an_unknown_team_are_empty()
    {
        JsonAssert.Equal("[]", await _sandbox.QueryAsync("labels", "--team", "nobody"));
    }

    [Theory]
    [InlineData("""["old","web1","web2"]""")]
    [InlineData("""["web1","web2"]""", "--name", "web")]
    [InlineData("""["web1"]""", "--name", "eb", "--limit", "1")]
    [InlineData("""["old","web1"]""", "--limit", "2")]
    [InlineData("""[]""", "--limit", "0")]
    [InlineData("""[]""", "--name", "WEB")]
    [InlineData("""["old","web1","web2"]""", "--limit", "99999999999")]
    public async Task Nodes_are_sorted_by_name_filtered_and_limited(string expected, params string[] options)
    {
        JsonAssert.Equal(expected, await _sandbox.QueryAsync(["nodes", "--team", "acme", "--label", "Server", .. options]));
    }

    [Fact]
    public async Task Nodes_of_an_unknown_label_are_empty()
    {
        JsonAssert.Equal("[]", await _sandbox.QueryAsync("nodes", "--team", "acme", "--label", "Queue"));
    }

    [Fact]
    public async Task Nodes_in_random_order_are_the_same_names()
    {
        var all = (await _sandbox.QueryAsync("nodes", "--team", "acme", "--label", "Server", "--random"))!.AsArray().Select(n => (string)n!).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "old", "web1", "web2" }, all.ToArray());

        var two = (await _sandbox.QueryAsync("nodes", "--team", "acme", "--label", "Server", "--random", "--limit", "2"))!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(2, two.Distinct().Count());
        Assert.All(two, n => Assert.Contains(n, new[] { "old", "web1", "web2" }));
    }

    [Theory]
    [InlineData("Server", "old", """{"name":"old","from":0,"to":1704844799}""")]
    [InlineData("Server", "web1", """{"name":"web1","from":1000}""")]
    [InlineData("Database", "db1", """{"name":"db1"}""")]
    public async Task Node_gives_its_properties_and_leaves_absent_ones_out(string label, string name, string expected)
    {
        var run = (await _sandbox.RunOnStoreAsync("query", "node", "--team", "acme", "--label", label, "--node", name)).AssertOk();

        JsonAssert.Equal(expected, run.Json);
        Assert.DoesNotContain("null", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("count")]
    [InlineData("dependencies")]
    public async Task Unknown_node_exits_3_with_a_clear_message(string query)
    {
        var run = await _sandbox.RunOnStoreAsync("query", query, "--team", "acme", "--label", "Server", "--node", "nope");

        run.AssertFails(ExitCodes.NotFound, "node Server 'nope' not found in team acme");
    }

    [Fact]
    public async Task Node_of_another_team_is_not_found()
    {
        (await _sandbox.RunOnStoreAsync("query", "node", "--team", "other", "--label", "Website", "--node", "shop"))
            .AssertFails(ExitCodes.NotFound, "not found");
    }

    [Theory]
    [InlineData("Website", "shop", 4)]
    [InlineData("Server", "web1", 1)]
    [InlineData("Database", "db1", 0)]
    public async Task Count_is_the_number_of_outgoing_dependencies(string label, string name, int expected)
    {
        JsonAssert.Equal($$"""{"count":{{expected}}}""", await _sandbox.QueryAsync("count", "--team", "acme", "--label", label, "--node", name));
    }
}
