using System.CommandLine;
using Depc.Server;
using Depc.Server.Demo;
using Depc.Server.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        var demo = new Option<bool>("--demo")
        {
            Description = "Make the team 'demo' with an example infrastructure (a few hundred nodes whose links change over recent weeks; " +
                "kept on later starts) and print a link that signs the page in to it",
        };
        var logFormat = new Option<string?>("--log-format") { Description = "How logs are written to the console: simple (default), json (one object per line, UTC timestamps) or systemd" };
        logFormat.AcceptOnlyFromAmong("simple", "json", "systemd");
        var command = new Command("serve", "Serve the dependency API, team credentials and HTTP ingestion (and consume Kafka when configured)") { store, urls, bootstrap, demo, logFormat };
        command.SetAction((r, ct) => CliAction.RunAsync(console, async () =>
        {
            // The server parses it (once) and refuses to start on a malformed one.
            var args = new List<string> { "--Depc:Store", StoreLocator.ResolveText(r.GetValue(store)) };
            if (r.GetValue(urls) is { } listen)
            {
                args.AddRange(["--urls", listen]);
            }

            if (r.GetValue(bootstrap) is { Length: > 0 } servers)
            {
                args.AddRange(["--Depc:Kafka:BootstrapServers", servers]);
            }

            if (r.GetValue(demo))
            {
                args.AddRange(["--Depc:Demo", "true"]);
            }

            args.AddRange(LogFormat(r.GetValue(logFormat)));
            var app = DepcServer.Build([.. args]);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(ct).ConfigureAwait(false);
                if (app.Services.GetRequiredService<DemoSignIn>().Token is { } token)
                {
                    await console.Out.WriteLineAsync(
                        $"Demo team '{DemoInfrastructure.Team}' ready: open {DemoSignIn.Link(PageAddress(app.Urls), token)} to sign in").ConfigureAwait(false);
                }

                await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string[] LogFormat(string? format) => format switch
    {
        null => [],
        "json" =>
        [
            "--Logging:Console:FormatterName", "json",
            "--Logging:Console:FormatterOptions:TimestampFormat", "yyyy-MM-ddTHH:mm:ss.fffZ",
            "--Logging:Console:FormatterOptions:UseUtcTimestamp", "true",
        ],
        _ => ["--Logging:Console:FormatterName", format],
    };

    // The first address the server listens on, as a browser on this machine reaches it.
    private static string PageAddress(ICollection<string> urls)
    {
        var url = urls.FirstOrDefault(u => u.StartsWith("http:", StringComparison.Ordinal)) ?? urls.First();
        return url.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
    }
}
