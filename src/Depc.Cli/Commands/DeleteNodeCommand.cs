using System.CommandLine;
using Depc.Core.Storage;

namespace Depc.Cli.Commands;

/// <summary><c>depc delete-node</c>: refused (exit 4) while the node has relationships, unless <c>--detach</c>.</summary>
internal static class DeleteNodeCommand
{
    public static Command Create(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var detach = new Option<bool>("--detach") { Description = "Also delete the node's relationships" };
        var command = new Command("delete-node", "Delete a node") { store, team, label, node, detach };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var (t, l, n) = (CliOptions.TeamValue(r, team), CliOptions.LabelValue(r, label), CliOptions.NodeValue(r, node));
            var outcome = await graph.DeleteNodeAsync(t, l, n, r.GetValue(detach), ct).ConfigureAwait(false);
            return outcome switch
            {
                DeleteOutcome.Deleted => Deleted(console, l, n),
                DeleteOutcome.NotFound => throw new CliFailure(ExitCodes.NotFound, $"node {l} '{n}' not found in team {t}"),
                _ => throw new CliFailure(ExitCodes.Refused, $"node {l} '{n}' still has relationships: use --detach to delete them too"),
            };
        }, ct));
        return command;
    }

    private static int Deleted(CliConsole console, string label, string name)
    {
        CliJson.WriteLine(console.Out, new { deleted = new { label, name } });
        return ExitCodes.Ok;
    }
}
