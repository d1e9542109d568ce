using System.CommandLine;
using Depc.Server;
using Depc.Server.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Depc.Cli.Commands;

/// <summary>
/// <c>depc serve</c>: the HTTP API (and the Kafka consumer when <c>--kafka-bootstrap</c> or
/// <c>Depc:Kafka:BootstrapServers</c> is set) until Ctrl-C / SIGTERM. The admin token comes from
/// <c>DEPC_ADMIN_TOKEN</c> (or <c>Depc:AdminToken</c>), never from the command line where <c>ps</c> would show it.
/// </summary>
internal static class ServeCommand
{
    public static Command Create() => Create(CliConsole.System);

    public static Command Create(CliConsole console)
    {
        var store = CliOptions.Store();
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, ';'-separated (default: {DepcServer.DefaultUrls})" };
        var bootstrap = new Option<string?>("--kafka-bootstrap", "--kafka-bootstrap-servers") { Description = "Consume the team topics of this Kafka cluster (default: Depc:Kafka:BootstrapServers, else no Kafka)" };
        var command = new Command("serve", "Serve the dependency API, team credentials and HTTP ingestion (and consume Kafka when configured)") { store, urls, bootstrap };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            // The server parses it (once) and refuses to start on a malformed one.
            var args = new List<string> { "--Depc:Store", StoreLocator.ResolveText(r.GetValue(store)) };
            if (r.GetValue(urls) is { Length: > 0 } listen)
            {
                args.AddRange(["--urls", listen]);
            }

            if (r.GetValue(bootstrap) is { Length: > 0 } servers)
            {
                args.AddRange(["--Depc:Kafka:BootstrapServers", servers]);
            }

            var app = DepcServer.Build([.. args]);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
