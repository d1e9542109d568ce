using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc delete-node</c>: refused while linked, <c>--detach</c>, not found.</summary>
public sealed class DeleteNodeCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public async Task InitializeAsync()
    {
        await _sandbox.SeedAsync("acme", CliScenario.Shop);
        await _sandbox.SeedAsync("acme", """{"source":{"label":"Server","name":"lonely"}}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("Website", "shop")]
    [InlineData("Database", "db1")]
    public async Task Node_with_relationships_is_refused_with_exit_4_and_kept(string label, string name)
    {
        var run = await _sandbox.RunOnStoreAsync("delete-node", "--team", "acme", "--label", label, "--node", name);

        run.AssertFails(ExitCodes.Refused, "--detach");
        await _sandbox.QueryAsync("node", "--team", "acme", "--label", label, "--node", name);
        JsonAssert.Equal("""{"count":4}""", await _sandbox.QueryAsync("count", "--team", "acme", "--label", "Website", "--node", "shop"));
    }

    [Fact]
    public async Task Detach_deletes_the_node_and_its_relationships()
    {
        var run = (await _sandbox.RunOnStoreAsync("delete-node", "--team", "acme", "--label", "Website", "--node", "shop", "--detach")).AssertOk();

        JsonAssert.Equal("""{"deleted":{"label":"Website","name":"shop"}}""", run.Json);
        (await _sandbox.RunOnStoreAsync("query", "node", "--team", "acme", "--label", "Website", "--node", "shop")).AssertFails(ExitCodes.NotFound, "not found");
        var dependents = await _sandbox.QueryAsync("dependencies", "--team", "acme", "--label", "Database", "--node", "db1", "--day", CliScenario.Day, "--impacted", "--inactive");
        JsonAssert.Equal(
            """{"Database":[{"name":"db1","inactive":false}],"Server":[{"name":"web1","from":1000,"periods":[1700000000,1710000000],"inactive":false}]}""",
            dependents!["dependencies"]);
        JsonAssert.Equal("""["lonely","old","web1","web2"]""", await _sandbox.QueryAsync("nodes", "--team", "acme", "--label", "Server"));
    }

    [Fact]
    public async Task Node_without_relationships_is_deleted_without_detach()
    {
        var run = (await _sandbox.RunOnStoreAsync("delete-node", "--team", "acme", "--label", "Server", "--node", "lonely")).AssertOk();

        JsonAssert.Equal("""{"deleted":{"label":"Server","name":"lonely"}}""", run.Json);
        JsonAssert.Equal("""["old","web1","web2"]""", await _sandbox.QueryAsync("nodes", "--team", "acme", "--label", "Server"));
    }

    [Theory]
    [InlineData("acme", "Server", "nope")]
    [InlineData("acme", "Queue", "web1")]
    [InlineData("other", "Website", "shop")]
    public async Task Unknown_node_exits_3(string team, string label, string name)
    {
        (await _sandbox.RunOnStoreAsync("delete-node", "--team", team, "--label", label, "--node", name, "--detach"))
            .AssertFails(ExitCodes.NotFound, $"node {label} '{name}' not found in team {team}");
    }

    [Fact]
    public async Task Deleting_twice_is_not_found_the_second_time()
    {
        (await _sandbox.RunOnStoreAsync("delete-node", "--team", "acme", "--label", "Server", "--node", "old", "--detach")).AssertOk();

        (await _sandbox.RunOnStoreAsync("delete-node", "--team", "acme", "--label", "Server", "--node", "old", "--detach"))
            .AssertFails(ExitCodes.NotFound, "not found");
    }
}
