using System.CommandLine;
using Depc.Cli.Commands;

namespace Depc.Cli;

/// <summary>The <c>depc</c> command tree.</summary>
internal static class DepcCli
{
    public static RootCommand Build(CliConsole console) => new("Depc: a time-aware dependency graph of your infrastructure")
    {
        IngestCommand.Create(console),
        QueryCommand.Create(console),
        DeleteNodeCommand.Create(console),
        PushCommand.Create(console),
        ServeCommand.Create(console),
        TeamCommand.Create(console),
    };

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var parsed = Build(console).Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync("depc: " + error.Message).ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("(depc --help lists the commands and their options)").ConfigureAwait(false);
            return ExitCodes.InvalidArguments;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }).ConfigureAwait(false);
    }
}
