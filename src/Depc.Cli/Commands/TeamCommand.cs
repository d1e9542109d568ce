using System.CommandLine;
using Depc.Core.Naming;
using Depc.Kafka.Configuration;
using Depc.Server.Options;
using Depc.Server.Stores;
using Depc.Server.Teams;

namespace Depc.Cli.Commands;

/// <summary>
/// <c>depc team create|list|rotate-token|delete</c>: the admin API's team operations, straight on the
/// store's database (no server needed). A token is printed once and only its hash is kept.
/// </summary>
internal static class TeamCommand
{
    public static Command Create() => Create(CliConsole.System);

    public static Command Create(CliConsole console) => new("team", "Manage teams and their tokens")
    {
        CreateTeam(console),
        List(console),
        Rotate(console),
        Delete(console),
    };

    private static Command CreateTeam(CliConsole console)
    {
        var (store, teams, name) = (CliOptions.Store(), TeamsDatabase(), TeamArgument());
        var bootstrap = new Option<string?>("--kafka-bootstrap-servers")
        {
            Description = "Also create the topic depc.<team> on this Kafka cluster (needs admin rights)",
        };
        var tokenOnly = TokenOnly();
        var command = new Command("create", "Create a team; prints {\"team\", \"token\"} once: the token is never shown again") { store, teams, bootstrap, tokenOnly, name };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            var team = TeamName.Parse(r.GetValue(name));
            var topics = r.GetValue(bootstrap) is { Length: > 0 } servers ? new KafkaTopicCreator(new KafkaOptions { BootstrapServers = servers }) : null;
            var registry = await OpenAsync(r, store, teams, topics, ct).ConfigureAwait(false);
            var created = await registry.CreateAsync(team, ct).ConfigureAwait(false)
                ?? throw new CliFailure(ExitCodes.Refused, $"team '{team}' already exists (rotate-token gives it a new token)");
            Print(console, created, r.GetValue(tokenOnly));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var (store, teams) = (CliOptions.Store(), TeamsDatabase());
        var command = new Command("list", "List the teams (never their tokens)") { store, teams };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            var registry = await OpenAsync(r, store, teams, null, ct).ConfigureAwait(false);
            CliJson.WriteLine(console.Out, await registry.ListAsync(ct).ConfigureAwait(false));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Rotate(CliConsole console)
    {
        var (store, teams, name) = (CliOptions.Store(), TeamsDatabase(), TeamArgument());
        var tokenOnly = TokenOnly();
        var command = new Command("rotate-token", "Give a team a new token (printed once); the old one stops working") { store, teams, tokenOnly, name };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            var team = TeamName.Parse(r.GetValue(name));
            var registry = await OpenAsync(r, store, teams, null, ct).ConfigureAwait(false);
            var rotated = await registry.RotateTokenAsync(team, ct).ConfigureAwait(false)
                ?? throw new CliFailure(ExitCodes.NotFound, $"there is no team '{team}'");
            Print(console, rotated, r.GetValue(tokenOnly));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var (store, teams, name) = (CliOptions.Store(), TeamsDatabase(), TeamArgument());
        var command = new Command("delete", "Delete a team's credentials and rejection feed (its graph and topic are kept)") { store, teams, name };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            var team = TeamName.Parse(r.GetValue(name));
            var registry = await OpenAsync(r, store, teams, null, ct).ConfigureAwait(false);
            if (!await registry.DeleteAsync(team, ct).ConfigureAwait(false))
            {
                throw new CliFailure(ExitCodes.NotFound, $"there is no team '{team}'");
            }

            CliJson.WriteLine(console.Out, new { team = team.Value, deleted = true });
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<bool> TokenOnly() => new("--token-only")
    {
        Description = "Print only the token, for scripts: export TOKEN=$(depc team create acme --token-only)",
    };

    private static void Print(CliConsole console, CreatedToken token, bool tokenOnly)
    {
        if (tokenOnly)
        {
            console.Out.WriteLine(token.Token);
        }
        else
        {
            CliJson.WriteLine(console.Out, token);
        }
    }

    private static Argument<string> TeamArgument() => new("NAME") { Description = "The team (" + TeamName.Rule + ")" };

    private static Option<string?> TeamsDatabase() => new("--teams-database")
    {
        Description = "With a Neo4j store: the SQLite file holding team credentials (default: depc-teams.db, as depc serve's Depc:TeamsDatabase)",
    };

    private static Task<TeamRegistry> OpenAsync(ParseResult r, Option<string?> store, Option<string?> teams, ITeamTopicCreator? topics, CancellationToken cancellationToken) =>
        TeamRegistry.OpenAsync(
            StoreLocator.Resolve(r.GetValue(store)),
            r.GetValue(teams) ?? new ServerOptions().TeamsDatabase,
            topics,
            cancellationToken);
}
