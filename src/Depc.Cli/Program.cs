using Depc.Cli;

return await DepcCli.RunAsync(args, CliConsole.System).ConfigureAwait(false);
