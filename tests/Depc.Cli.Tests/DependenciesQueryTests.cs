using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc query dependencies</c>: exact answers on and around the day boundaries of the shop scenario.</summary>
public sealed class DependenciesQueryTests : IAsyncLifetime, IDisposable
{
    private const string Shop = """{"name":"shop","from":1000,"inactive":false}""";
    private const string Web1 = """{"name":"web1","from":1000,"periods":[1700000000],"inactive":false}""";
    private const string Web2 = """{"name":"web2","from":1704931199,"periods":[1704931199],"inactive":false}""";
    private const string Web1ToShop = """{"from":"shop","to":"web1","periods":[1700000000]}""";
    private const string Web2ToShop = """{"from":"shop","to":"web2","periods":[1704931199]}""";

    private readonly CliSandbox _sandbox = new();

    public Task InitializeAsync() => _sandbox.SeedAsync("acme", CliScenario.Shop);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task On_the_day_only_active_links_are_listed_with_a_drawable_graph()
    {
        var answer = await QueryAsync("Website", "shop", "--day", CliScenario.Day);

        JsonAssert.Equal(
            $$$"""
            {"dependencies":{"Website":[{{{Shop}}}],"Server":[{{{Web1}}},{{{Web2}}}]},
             "graph":{"nodes":[{"label":"Website","title":"shop"},{"label":"Server","title":"web1"},{"label":"Server","title":"web2"}],
                      "relationships":[{{{Web1ToShop}}},{{{Web2ToShop}}}]}}
            """,
            JsonAssert.Portable(answer));
    }

    [Fact]
    public async Task Graph_ids_are_the_node_ids_and_relationships_point_from_dependent_to_dependency()
    {
        var answer = (await _sandbox.RunOnStoreAsync("query", "dependencies", "--team", "acme", "--label", "Website", "--node", "shop", "--day", CliScenario.Day)).AssertOk().Json!;

        var nodes = answer["graph"]!["nodes"]!.AsArray();
        Assert.Equal(new[] { "id", "label", "title" }, nodes[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        var shopId = (long)nodes[0]!["id"]!;
        Assert.All(answer["graph"]!["relationships"]!.AsArray(), r =>
        {
            Assert.Equal(new[] { "from", "id", "periods", "to" }, r!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
            Assert.Equal(shopId, (long)r["from"]!);
        });
    }

    [Fact]
    public async Task Inactive_links_are_flagged_when_asked_for()
    {
        var answer = await QueryAsync("Website", "shop", "--day", CliScenario.Day, "--inactive");

        JsonAssert.Equal(
            $$$"""
            {"dependencies":{
               "Website":[{{{Shop}}}],
               "Database":[{"name":"db1","periods":[1704931200],"inactive":true}],
               "Server":[{"name":"old","from":0,"to":1704844799,"periods":[1600000000,1704844800],"inactive":true},{{{Web1}}},{{{Web2}}}]},
             "graph":{"nodes":[{"label":"Website","title":"shop"},{"label":"Database","title":"db1"},{"label":"Server","title":"old"},{"label":"Server","title":"web1"},{"label":"Server","title":"web2"}],
                      "relationships":[{"from":"shop","to":"db1","periods":[1704931200]},{"from":"shop","to":"old","periods":[1600000000,1704844800]},{{{Web1ToShop}}},{{{Web2ToShop}}}]}}
            """,
            JsonAssert.Portable(answer));
    }

    [Fact]
    public async Task The_day_before_the_node_that_ended_and_the_link_that_ends_at_midnight_are_active()
    {
        var answer = await QueryAsync("Website", "shop", "--day", "2024-01-09");

        JsonAssert.Equal(
            $$"""{"Website":[{{Shop}}],"Server":[{"name":"old","from":0,"to":1704844799,"periods":[1600000000,1704844800],"inactive":false},{{Web1}}]}""",
            answer!["dependencies"]);
    }

    [Fact]
    public async Task The_day_after_the_link_starting_at_midnight_is_active_and_the_ended_node_is_not()
    {
        var answer = await QueryAsync("Website", "shop", "--day", "2024-01-11");

        JsonAssert.Equal(
            $$"""{"Website":[{{Shop}}],"Database":[{"name":"db1","periods":[1704931200],"inactive":false}],"Server":[{{Web1}},{{Web2}}]}""",
            answer!["dependencies"]);
    }

    [Fact]
    public async Task Day_defaults_to_today_in_utc()
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var implicitDay = await QueryAsync("Website", "shop");
        var explicitDay = await QueryAsync("Website", "shop", "--day", today);

        JsonAssert.Equal(explicitDay!.ToJsonString(), implicitDay);
        JsonAssert.Equal(
            $$"""{"Website":[{{Shop}}],"Database":[{"name":"db1","periods":[1704931200],"inactive":false}],"Server":[{{Web1}},{{Web2}}]}""",
            implicitDay!["dependencies"]);
    }

    [Fact]
    public async Task Impacted_reverses_the_direction()
    {
        var answer = await QueryAsync("Database", "db1", "--day", CliScenario.Day, "--impacted", "--inactive");

        JsonAssert.Equal(
            """
            {"dependencies":{
               "Database":[{"name":"db1","inactive":false}],
               "Server":[{"name":"web1","from":1000,"periods":[1700000000,1710000000],"inactive":false}],
               "Website":[{"name":"shop","from":1000,"periods":[1704931200],"inactive":true}]},
             "graph":{"nodes":[{"label":"Database","title":"db1"},{"label":"Server","title":"web1"},{"label":"Website","title":"shop"}],
                      "relationships":[{"from":"web1","to":"db1","periods":[1700000000,1710000000]},{"from":"shop","to":"db1","periods":[1704931200]}]}}
            """,
            JsonAssert.Portable(answer));
    }

    [Fact]
    public async Task Impacted_without_inactive_leaves_out_the_link_that_starts_tomorrow()
    {
        var answer = await QueryAsync("Database", "db1", "--day", CliScenario.Day, "--impacted");

        JsonAssert.Equal(
            """{"Database":[{"name":"db1","inactive":false}],"Server":[{"name":"web1","from":1000,"periods":[1700000000,1710000000],"inactive":false}]}""",
            answer!["dependencies"]);
    }

    [Fact]
    public async Task A_node_without_dependencies_answers_itself_only()
    {
        var answer = await QueryAsync("Server", "old", "--day", CliScenario.Day);

        JsonAssert.Equal(
            """{"dependencies":{"Server":[{"name":"old","from":0,"to":1704844799,"inactive":true}]},"graph":{"nodes":[{"label":"Server","title":"old"}],"relationships":[]}}""",
            JsonAssert.Portable(answer));
    }

    private Task<System.Text.Json.Nodes.JsonNode?> QueryAsync(string label, string node, params string[] options) =>
        _sandbox.QueryAsync(["dependencies", "--team", "acme", "--label", label, "--node", node, .. options]);
}
