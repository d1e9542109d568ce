using Depc.Server.Options;
using Depc.Server.Teams;

namespace Depc.Server.Tests.Demo;

public sealed class FirstTeamHintTests
{
    [Fact]
    public void A_build_of_a_clone_is_run_with_dotnet_run_and_the_default_store_needs_no_option()
    {
        var command = FirstTeamHint.Command(new ServerOptions(), "/home/u/depc/src/Depc.Cli/bin/Debug/net10.0/", "/home/u/depc");

        Assert.Equal("dotnet run --project src/Depc.Cli -- team create my-team", command);
    }

    [Fact]
    public void An_installed_depc_is_run_as_depc_and_another_store_is_named_by_its_full_path()
    {
        var command = FirstTeamHint.Command(new ServerOptions { Store = "sqlite:data/graph.db" }, "/root/.dotnet/tools/.store/depc/0.1.0/", "/srv");

        Assert.Equal("depc team create my-team --store sqlite:/srv/data/graph.db", command);
    }

    [Fact]
    public void Outside_the_clone_its_project_is_named_by_full_path_and_a_neo4j_store_keeps_its_password_out()
    {
        var options = new ServerOptions { Store = "neo4j:http://neo:secret@db:7474", TeamsDatabase = "teams.db" };

        var command = FirstTeamHint.Command(options, "/home/u/depc/src/Depc.Cli/bin/Release/net10.0/", "/var/lib/depc");

        Assert.Equal(
            "dotnet run --project /home/u/depc/src/Depc.Cli -- team create my-team --store neo4j:http://db:7474 --teams-database /var/lib/depc/teams.db",
            command);
    }
}
