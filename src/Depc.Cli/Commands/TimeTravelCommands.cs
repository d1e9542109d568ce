using System.CommandLine;
using Depc.Core.Naming;
using Depc.Core.Queries;

namespace Depc.Cli.Commands;

/// <summary><c>depc query why|diff|history</c>: the time-travel questions of SPEC §7, answered as JSON on stdout.</summary>
internal static class TimeTravelCommands
{
    public static Command Why(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var impactedLabel = new Option<string>("--impacted-label") { Description = "The impacted node's label", Required = true };
        var impactedNode = new Option<string>("--impacted-node") { Description = "The impacted node's name", Required = true };
        var ts = CliOptions.Integer("--ts", "The moment, Unix seconds (default: now)");
        var command = new Command("why", "Why a node is impacted if another fails: its shortest chain of DEPENDS_ON to it, inactive elements flagged")
        {
            store, team, label, node, impactedLabel, impactedNode, ts,
        };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var failing = new NodeKey(CliOptions.LabelValue(r, label), CliOptions.NodeValue(r, node));
            var impacted = new NodeKey(GraphNames.ValidLabel(r.GetValue(impactedLabel)), GraphNames.ValidName(r.GetValue(impactedNode)));
            var at = CliOptions.NonNegative(r, ts) ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            return Print(console, await TimeTravelQueries.WhyAsync(graph, CliOptions.TeamValue(r, team), failing, impacted, at, ct).ConfigureAwait(false));
        }, ct));
        return command;
    }

    public static Command Diff(CliConsole console)
    {
        var (store, team) = (CliOptions.Store(), CliOptions.Team());
        var from = new Option<string?>("--from") { Description = "The first moment t1, Unix seconds", Required = true };
        var to = new Option<string?>("--to") { Description = "The second moment t2 (after t1), Unix seconds", Required = true };
        var label = new Option<string?>("--label") { Description = "Only the nodes of this label and their relationships" };
        var node = new Option<string?>("--node") { Description = "Only this node (of --label) and its direct neighbours" };
        var skip = CliOptions.Integer("--skip", "Skip this many of each list (after sorting by label, name)");
        var limit = CliOptions.Integer("--limit", "At most this many of each list (default: all)");
        var command = new Command("diff", "What appeared and disappeared between two moments: nodes and relationships, each list sorted")
        {
            store, team, from, to, label, node, skip, limit,
        };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var query = new DiffQuery(
                CliOptions.NonNegative(r, from) ?? 0,
                CliOptions.NonNegative(r, to) ?? 0,
                r.GetValue(label) is { } l ? GraphNames.ValidLabel(l) : null,
                r.GetValue(node) is { } n ? GraphNames.ValidName(n) : null,
                (int)Math.Min(CliOptions.NonNegative(r, skip) ?? 0, int.MaxValue),
                CliOptions.NonNegative(r, limit) is { } most ? (int)Math.Min(most, int.MaxValue) : null);
            if (query.Problem() is var (argument, rule))
            {
                throw new ArgumentException($"--{argument} {rule}");
            }

            return Print(console, await TimeTravelQueries.DiffAsync(graph, CliOptions.TeamValue(r, team), query, ct).ConfigureAwait(false));
        }, ct));
        return command;
    }

    public static Command History(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var command = new Command("history", "A node's timeline: its from/to and every relationship touching it with its periods") { store, team, label, node };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var key = new NodeKey(CliOptions.LabelValue(r, label), CliOptions.NodeValue(r, node));
            return Print(console, await TimeTravelQueries.HistoryAsync(graph, CliOptions.TeamValue(r, team), key, ct).ConfigureAwait(false));
        }, ct));
        return command;
    }

    private static int Print<T>(CliConsole console, Lookup<T> lookup)
        where T : class
    {
        if (lookup.Answer is null)
        {
            throw new CliFailure(ExitCodes.NotFound, lookup.NotFound!);
        }

        CliJson.WriteLine(console.Out, lookup.Answer);
        return ExitCodes.Ok;
    }
}
