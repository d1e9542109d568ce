using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc query impacted</c> on the impact scenario: activity at a moment, skip/limit, inactive, count.</summary>
public sealed class ImpactedQueryTests : IAsyncLifetime, IDisposable
{
    private const string V = """{"name":"v","active":true}""";
    private const string X = """{"name":"x","active":true}""";
    private const string Z = """{"name":"z","active":true}""";

    private readonly CliSandbox _sandbox = new();

    public Task InitializeAsync() => _sandbox.SeedAsync("imp", CliScenario.Impact);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("300", $"[{V},{X},{Z}]")]
    [InlineData("150", """[{"name":"v","active":true},{"name":"w","to":150,"active":true},{"name":"x","active":true},{"name":"y","active":true},{"name":"z","active":true}]""")]
    [InlineData("200", """[{"name":"v","active":true},{"name":"x","active":true},{"name":"y","active":true},{"name":"z","active":true}]""")]
    [InlineData("50", "[]")]
    public async Task Lists_the_nodes_impacted_through_an_active_path_sorted_by_name(string ts, string expected)
    {
        JsonAssert.Equal(expected, await ImpactedAsync("App", "--ts", ts));
    }

    [Fact]
    public async Task Inactive_adds_the_nodes_impacted_only_through_inactive_paths()
    {
        JsonAssert.Equal(
            $$"""[{{V}},{"name":"w","to":150,"active":false},{{X}},{"name":"y","active":false},{{Z}}]""",
            await ImpactedAsync("App", "--ts", "300", "--inactive"));
    }

    [Theory]
    [InlineData($"[{X}]", "--skip", "1", "--limit", "1")]
    [InlineData($"[{X},{Z}]", "--skip", "1")]
    [InlineData($"[{V},{X}]", "--limit", "2")]
    [InlineData("[]", "--limit", "0")]
    [InlineData("[]", "--skip", "10")]
    [InlineData($$"""[{"name":"w","to":150,"active":false},{{X}}]""", "--inactive", "--skip", "1", "--limit", "2")]
    public async Task Skip_and_limit_apply_after_sorting(string expected, params string[] options)
    {
        JsonAssert.Equal(expected, await ImpactedAsync("App", ["--ts", "300", .. options]));
    }

    [Theory]
    [InlineData("300", 3)]
    [InlineData("50", 0)]
    public async Task Count_counts_what_the_list_holds_for_the_same_inactive_flag(string ts, int active)
    {
        JsonAssert.Equal($$"""{"count":{{active}}}""", await ImpactedAsync("App", "--ts", ts, "--count"));
        JsonAssert.Equal("""{"count":5}""", await ImpactedAsync("App", "--ts", ts, "--count", "--inactive", "--limit", "1"));
    }

    [Fact]
    public async Task Other_labels_are_listed_separately_and_the_node_itself_never()
    {
        JsonAssert.Equal("""[{"name":"a","active":true},{"name":"b","active":false}]""", await ImpactedAsync("Server", "--ts", "300", "--inactive"));
        JsonAssert.Equal("[]", await ImpactedAsync("Database", "--ts", "300", "--inactive"));
    }

    [Fact]
    public async Task Ts_defaults_to_now()
    {
        JsonAssert.Equal($"[{V},{X},{Z}]", await ImpactedAsync("App"));
    }

    [Fact]
    public async Task Unknown_node_exits_3()
    {
        (await _sandbox.RunOnStoreAsync("query", "impacted", "--team", "imp", "--label", "Database", "--node", "nope", "--impacted-label", "App", "--ts", "300"))
            .AssertFails(ExitCodes.NotFound, "node Database 'nope' not found in team imp");
    }

    private Task<System.Text.Json.Nodes.JsonNode?> ImpactedAsync(string impactedLabel, params string[] options) =>
        _sandbox.QueryAsync(["impacted", "--team", "imp", "--label", "Database", "--node", "db", "--impacted-label", impactedLabel, .. options]);
}
