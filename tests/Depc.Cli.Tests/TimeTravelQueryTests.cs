using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc query why|diff|history</c> and <c>impacted --paths</c> on the impact scenario, answers worked out by hand.</summary>
public sealed class TimeTravelQueryTests : IAsyncLifetime, IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public Task InitializeAsync() => _sandbox.SeedAsync("imp", CliScenario.Impact);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Why_gives_the_shortest_active_chain_with_its_periods()
    {
        JsonAssert.Equal(
            """
            {"active":true,
             "path":[{"label":"App","name":"v"},{"label":"App","name":"x"},{"label":"Server","name":"a"},{"label":"Database","name":"db"}],
             "relationships":[{"periods":[100]},{"periods":[100]},{"periods":[100]}]}
            """,
            await WhyAsync("v", "--ts", "300"));
    }

    [Fact]
    public async Task Why_flags_what_is_inactive_on_the_shortest_chain_of_an_inactive_node()
    {
        JsonAssert.Equal(
            """
            {"active":false,
             "path":[{"label":"App","name":"y"},{"label":"Server","name":"b"},{"label":"Database","name":"db"}],
             "relationships":[{"periods":[100]},{"periods":[100,200],"inactive":true}]}
            """,
            await WhyAsync("y", "--ts", "300"));
        JsonAssert.Equal(
            """
            {"active":false,
             "path":[{"label":"App","name":"w","inactive":true},{"label":"Server","name":"a"},{"label":"Database","name":"db"}],
             "relationships":[{"periods":[100]},{"periods":[100]}]}
            """,
            await WhyAsync("w", "--ts", "300"));
    }

    [Fact]
    public async Task Why_of_a_node_that_is_not_impacted_or_absent_exits_3()
    {
        (await _sandbox.RunOnStoreAsync(Why("u", "--ts", "300")))
            .AssertFails(ExitCodes.NotFound, "node App 'u' is not impacted by Database 'db'");
        (await _sandbox.RunOnStoreAsync(Why("nope")))
            .AssertFails(ExitCodes.NotFound, "node App 'nope' not found in team imp");
        (await _sandbox.RunOnStoreAsync("query", "why", "--team", "imp", "--label", "Database", "--node", "nope", "--impacted-label", "App", "--impacted-node", "v"))
            .AssertFails(ExitCodes.NotFound, "node Database 'nope' not found in team imp");
        (await _sandbox.RunOnStoreAsync("query", "why", "--team", "imp", "--label", "Database", "--node", "db", "--impacted-label", "app", "--impacted-node", "v"))
            .AssertFails(ExitCodes.InvalidArguments, "label");
    }

    [Fact]
    public async Task Impacted_with_paths_gives_each_node_its_chain()
    {
        var listed = await _sandbox.QueryAsync("impacted", "--team", "imp", "--label", "Database", "--node", "db", "--impacted-label", "App", "--ts", "300", "--inactive", "--paths", "--skip", "3", "--limit", "2");

        JsonAssert.Equal(
            """
            [{"name":"y","active":false,"path":[{"label":"App","name":"y"},{"label":"Server","name":"b"},{"label":"Database","name":"db"}]},
             {"name":"z","active":true,"path":[{"label":"App","name":"z"},{"label":"Server","name":"a"},{"label":"Database","name":"db"}]}]
            """,
            listed);
    }

    [Fact]
    public async Task History_lists_the_nodes_relationships_in_both_directions()
    {
        JsonAssert.Equal(
            """
            {"node":{"label":"Server","name":"a"},
             "relationships":[
               {"direction":"in","label":"App","name":"w","periods":[100]},
               {"direction":"in","label":"App","name":"x","periods":[100]},
               {"direction":"in","label":"App","name":"z","periods":[100]},
               {"direction":"out","label":"Database","name":"db","periods":[100]}]}
            """,
            await _sandbox.QueryAsync("history", "--team", "imp", "--label", "Server", "--node", "a"));
        (await _sandbox.RunOnStoreAsync("query", "history", "--team", "imp", "--label", "Server", "--node", "nope"))
            .AssertFails(ExitCodes.NotFound, "node Server 'nope' not found in team imp");
    }

    [Fact]
    public async Task Diff_lists_what_appeared_and_disappeared_and_can_keep_a_label_or_a_node()
    {
        const string Empty = """{"nodes":[],"relationships":[]}""";
        JsonAssert.Equal(
            $$$"""
            {"appeared":{{{Empty}}},
             "disappeared":{"nodes":[{"label":"App","name":"w"}],
                            "relationships":[{"source":{"label":"Server","name":"b"},"target":{"label":"Database","name":"db"}}]}}
            """,
            await _sandbox.QueryAsync("diff", "--team", "imp", "--from", "150", "--to", "300"));
        JsonAssert.Equal(
            $$$"""{"appeared":{{{Empty}}},"disappeared":{"nodes":[{"label":"App","name":"w"}],"relationships":[]}}""",
            await _sandbox.QueryAsync("diff", "--team", "imp", "--from", "150", "--to", "300", "--label", "App"));
        JsonAssert.Equal(
            $$$"""{"appeared":{{{Empty}}},"disappeared":{"nodes":[],"relationships":[{"source":{"label":"Server","name":"b"},"target":{"label":"Database","name":"db"}}]}}""",
            await _sandbox.QueryAsync("diff", "--team", "imp", "--from", "150", "--to", "300", "--label", "Server", "--node", "b"));
        JsonAssert.Equal(
            $$$"""{"appeared":{{{Empty}}},"disappeared":{"nodes":[],"relationships":[]}}""",
            await _sandbox.QueryAsync("diff", "--team", "imp", "--from", "150", "--to", "300", "--skip", "1"));
    }

    [Theory]
    [InlineData("--to must be later than from (300), got 150", "--from", "300", "--to", "150")]
    [InlineData("--to must be later than from (300), got 300", "--from", "300", "--to", "300")]
    [InlineData("--node needs a label", "--from", "1", "--to", "2", "--node", "b")]
    [InlineData("--from '-1' must be an integer >= 0", "--from", "-1", "--to", "2")]
    public async Task Diff_refuses_bad_arguments_with_exit_2(string message, params string[] options)
    {
        (await _sandbox.RunOnStoreAsync(["query", "diff", "--team", "imp", .. options])).AssertFails(ExitCodes.InvalidArguments, message);
    }

    private Task<System.Text.Json.Nodes.JsonNode?> WhyAsync(string impacted, params string[] options) => _sandbox.QueryAsync(Why(impacted, options)[1..]);

    private static string[] Why(string impacted, params string[] options) =>
        ["query", "why", "--team", "imp", "--label", "Database", "--node", "db", "--impacted-label", "App", "--impacted-node", impacted, .. options];
}
