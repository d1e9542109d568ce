using Depc.Cli.Tests.Support;

namespace Depc.Cli.Tests;

/// <summary><c>depc team</c> on a store it cannot use: one <c>depc: store:</c> line and exit 5, as every other command.</summary>
public sealed class TeamCommandStoreTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("list")]
    [InlineData("create")]
    [InlineData("rotate-token")]
    [InlineData("delete")]
    public async Task A_file_that_is_not_a_database_or_a_missing_folder_is_store_unavailable(string subcommand)
    {
        var garbage = "sqlite:" + _sandbox.WriteFile("garbage.db", new string('x', 4096));
        var missing = "sqlite:" + _sandbox.PathOf("no/such/folder/depc.db");

        foreach (var store in new[] { garbage, missing })
        {
            string[] args = subcommand == "list" ? ["team", "list", "--store", store] : ["team", subcommand, "acme", "--store", store];
            var run = await CliSandbox.RunAsync(args);

            Assert.Equal(ExitCodes.StoreUnavailable, run.ExitCode);
            Assert.Equal(string.Empty, run.Out);
            Assert.StartsWith("depc: store: SQLite", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
    }
}
