using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary>Bad arguments exit 2 with the rule on stderr, before anything is read or changed.</summary>
public sealed class ArgumentValidationTests : IAsyncLifetime, IDisposable
{
    private const string Injection = "Server`) DETACH DELETE (n";
    private const string TeamRule = "must match ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$";
    private const string LabelRule = "must be a string matching ^[A-Z]+[a-zA-Z0-9]*$";
    private const string NameRule = "must be a non-empty string of printable ASCII";

    private readonly CliSandbox _sandbox = new();

    public Task InitializeAsync() => _sandbox.SeedAsync("acme", CliScenario.Shop);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sandbox.Dispose();

    public static TheoryData<string[], string> Invalid => new()
    {
        { ["query", "labels", "--team", "bad team"], "team 'bad team' " + TeamRule },
        { ["query", "labels", "--team", "a_b"], TeamRule },
        { ["query", "labels", "--team", new string('a', 64)], TeamRule },
        { ["query", "nodes", "--team", "acme", "--label", "server"], "label 'server' " + LabelRule },
        { ["query", "nodes", "--team", "acme", "--label", "My-Label"], LabelRule },
        { ["query", "nodes", "--team", "acme", "--label", Injection], $"label '{Injection}' " + LabelRule },
        { ["query", "node", "--team", "acme", "--label", Injection, "--node", "web1"], LabelRule },
        { ["query", "count", "--team", "acme", "--label", Injection, "--node", "web1"], LabelRule },
        { ["query", "dependencies", "--team", "acme", "--label", Injection, "--node", "web1"], LabelRule },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", Injection, "--ts", "1"], LabelRule },
        { ["delete-node", "--team", "acme", "--label", Injection, "--node", "web1", "--detach"], LabelRule },
        { ["query", "node", "--team", "acme", "--label", "Server", "--node", "web 1"], "node name 'web 1' " + NameRule },
        { ["query", "node", "--team", "acme", "--label", "Server", "--node", "web'1"], NameRule },
        { ["query", "node", "--team", "acme", "--label", "Server", "--node", "web\"1"], NameRule },
        { ["query", "node", "--team", "acme", "--label", "Server", "--node", "wéb1"], NameRule },
        { ["delete-node", "--team", "acme", "--label", "Server", "--node", "x`y"], NameRule },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts", "abc"], "--ts 'abc' must be an integer >= 0" },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts", "1.5"], "--ts '1.5' must be an integer >= 0" },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts=-1"], "--ts '-1' must be an integer >= 0" },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts", "99999999999999999999"], "--ts '99999999999999999999' must be an integer >= 0" },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts", "1", "--skip=-1"], "--skip '-1' must be an integer >= 0" },
        { ["query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1", "--impacted-label", "Website", "--ts", "1", "--limit", "x"], "--limit 'x' must be an integer >= 0" },
        { ["query", "nodes", "--team", "acme", "--label", "Server", "--limit", "ten"], "--limit 'ten' must be an integer >= 0" },
        { ["query", "nodes", "--team", "acme", "--label", "Server", "--limit=-1"], "--limit '-1' must be an integer >= 0" },
        { ["query", "dependencies", "--team", "acme", "--label", "Website", "--node", "shop", "--day", "2024-02-30"], "--day '2024-02-30' must be a date YYYY-MM-DD" },
        { ["query", "dependencies", "--team", "acme", "--label", "Website", "--node", "shop", "--day", "2024-1-5"], "--day '2024-1-5' must be a date YYYY-MM-DD" },
        { ["query", "dependencies", "--team", "acme", "--label", "Website", "--node", "shop", "--day", "10/01/2024"], "must be a date YYYY-MM-DD" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_argument_exits_2_naming_the_rule(string[] args, string message)
    {
        (await _sandbox.RunOnStoreAsync(args)).AssertFails(ExitCodes.InvalidArguments, message);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("bad team")]
    [InlineData("-")]
    public async Task Ingest_with_an_invalid_team_exits_2_and_applies_nothing(string team)
    {
        var run = await _sandbox.IngestAsync(team, """{"source":{"label":"Queue","name":"q"}}""");

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.NotEqual(string.Empty, run.Error);
        await AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("mysql://localhost/depc", "neither sqlite:PATH nor neo4j:")]
    [InlineData("sqlite:", "needs a file path")]
    [InlineData("", "the store is empty")]
    [InlineData("  ", "the store is empty")]
    public async Task Unknown_store_kind_exits_2(string store, string message)
    {
        var run = await CliSandbox.RunAsync("query", "labels", "--team", "acme", "--store", store);

        run.AssertFails(ExitCodes.InvalidArguments, message);
    }

    [Theory]
    [InlineData("query", "labels")]
    [InlineData("query", "nodes", "--team", "acme")]
    [InlineData("query", "unknown", "--team", "acme")]
    [InlineData("query", "impacted", "--team", "acme", "--label", "Server", "--node", "web1")]
    [InlineData("delete-node", "--team", "acme", "--label", "Server")]
    [InlineData("frobnicate")]
    public async Task Missing_or_unknown_arguments_exit_2(params string[] args)
    {
        var run = await _sandbox.RunOnStoreAsync(args);

        Assert.Equal(ExitCodes.InvalidArguments, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("depc: ", run.Error, StringComparison.Ordinal);
    }

    private async Task AssertUnchangedAsync()
    {
        JsonAssert.Equal(
            """[{"name":"Database","nodes_count":1},{"name":"Server","nodes_count":3},{"name":"Website","nodes_count":1}]""",
            await _sandbox.QueryAsync("labels", "--team", "acme"));
        JsonAssert.Equal("""{"count":4}""", await _sandbox.QueryAsync("count", "--team", "acme", "--label", "Website", "--node", "shop"));
    }
}
