using System.CommandLine;
using Depc.Core.Activity;
using Depc.Core.Naming;
using Depc.Core.Queries;
using Depc.Core.Storage;

namespace Depc.Cli.Commands;

/// <summary><c>depc query …</c>: the time-aware questions of SPEC §6, answered as JSON on stdout.</summary>
internal static class QueryCommand
{
    public static Command Create(CliConsole console) => new("query", "Ask the graph")
    {
        Labels(console),
        Nodes(console),
        Node(console),
        Count(console),
        Dependencies(console),
        Impacted(console),
        TimeTravelCommands.Why(console),
        TimeTravelCommands.Diff(console),
        TimeTravelCommands.History(console),
    };

    private static Command Labels(CliConsole console)
    {
        var (store, team) = (CliOptions.Store(), CliOptions.Team());
        var command = new Command("labels", "The team's labels with their node counts") { store, team };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
            Print(console, await graph.GetLabelsAsync(CliOptions.TeamValue(r, team), ct).ConfigureAwait(false)), ct));
        return command;
    }

    private static Command Nodes(CliConsole console)
    {
        var (store, team, label) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label());
        var name = new Option<string?>("--name") { Description = "Only names containing this (case-sensitive)" };
        var limit = CliOptions.Integer("--limit", "At most this many names");
        var random = new Option<bool>("--random") { Description = "In random order instead of by name" };
        var command = new Command("nodes", "The names of a label's nodes") { store, team, label, name, limit, random };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var query = new NodeListQuery(r.GetValue(name), Limit(CliOptions.NonNegative(r, limit)), r.GetValue(random));
            return Print(console, await graph.GetNodeNamesAsync(CliOptions.TeamValue(r, team), CliOptions.LabelValue(r, label), query, ct).ConfigureAwait(false));
        }, ct));
        return command;
    }

    private static Command Node(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var command = new Command("node", "A node's properties") { store, team, label, node };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
            Print(console, NodeAnswer.Of(await FindAsync(graph, r, team, label, node, ct).ConfigureAwait(false))), ct));
        return command;
    }

    private static Command Count(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var command = new Command("count", "How many nodes a node depends on") { store, team, label, node };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var found = await FindAsync(graph, r, team, label, node, ct).ConfigureAwait(false);
            return Print(console, new CountAnswer(await graph.CountDependenciesAsync(CliOptions.TeamValue(r, team), found.Label, found.Name, ct).ConfigureAwait(false)));
        }, ct));
        return command;
    }

    private static Command Dependencies(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var day = new Option<string?>("--day") { Description = "The UTC day, YYYY-MM-DD (default: today)" };
        var inactive = new Option<bool>("--inactive") { Description = "Also list links inactive that day (flagged inactive: true)" };
        var impacted = new Option<bool>("--impacted") { Description = "Reverse the direction: who depends on the node" };
        var command = new Command("dependencies", "A node's direct dependencies on a day") { store, team, label, node, day, inactive, impacted };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var on = ParseDay(r.GetValue(day));
            var found = await FindAsync(graph, r, team, label, node, ct).ConfigureAwait(false);
            var direction = r.GetValue(impacted) ? Direction.Dependents : Direction.Dependencies;
            var neighbours = await graph.GetNeighboursAsync(CliOptions.TeamValue(r, team), found.Label, found.Name, direction, ct).ConfigureAwait(false);
            return Print(console, DependencyQuery.Build(found, neighbours, direction, on, r.GetValue(inactive)));
        }, ct));
        return command;
    }

    private static Command Impacted(CliConsole console)
    {
        var (store, team, label, node) = (CliOptions.Store(), CliOptions.Team(), CliOptions.Label(), CliOptions.Node());
        var impactedLabel = new Option<string>("--impacted-label") { Description = "The label of the impacted nodes to list", Required = true };
        var ts = CliOptions.Integer("--ts", "The moment, Unix seconds (default: now)");
        var skip = CliOptions.Integer("--skip", "Skip this many (after sorting by name)");
        var limit = CliOptions.Integer("--limit", "At most this many (default: all)");
        var inactive = new Option<bool>("--inactive") { Description = "Also list nodes impacted only through inactive paths" };
        var count = new Option<bool>("--count") { Description = "Print only {\"count\":K}, how many nodes the list holds before --skip/--limit (with --inactive, the inactive ones too)" };
        var paths = new Option<bool>("--paths") { Description = "Give each node its witness chain to the failing node (\"path\", as depc query why)" };
        var command = new Command("impacted", "Nodes of a label that depend on a node, directly or not") { store, team, label, node, impactedLabel, ts, skip, limit, inactive, count, paths };
        command.SetAction((r, ct) => CliAction.WithStoreAsync(console, r.GetValue(store), async graph =>
        {
            var of = GraphNames.ValidLabel(r.GetValue(impactedLabel));
            var at = CliOptions.NonNegative(r, ts) ?? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var (skipped, limited) = (CliOptions.NonNegative(r, skip) ?? 0, CliOptions.NonNegative(r, limit));
            var teamName = CliOptions.TeamValue(r, team);
            var found = await FindAsync(graph, r, team, label, node, ct).ConfigureAwait(false);
            var subgraph = await graph.GetImpactSubgraphAsync(teamName, found.Label, found.Name, ct).ConfigureAwait(false)
                ?? throw NotFound(teamName, found.Label, found.Name);
            var impacted = ImpactAnalysis.Analyze(subgraph, of, at);
            if (r.GetValue(count))
            {
                return Print(console, new CountAnswer(impacted.CountOf(r.GetValue(inactive))));
            }

            var listed = impacted.Select(r.GetValue(inactive), activeFirst: false, r.GetValue(paths)).Skip((int)Math.Min(skipped, int.MaxValue));
            return Print(console, limited is { } l ? listed.Take((int)Math.Min(l, int.MaxValue)) : listed);
        }, ct));
        return command;
    }

    internal static async Task<GraphNode> FindAsync(IGraphStore graph, ParseResult r, Option<string> team, Option<string> label, Option<string> node, CancellationToken ct)
    {
        var (teamName, labelName, nodeName) = (CliOptions.TeamValue(r, team), CliOptions.LabelValue(r, label), CliOptions.NodeValue(r, node));
        return await graph.GetNodeAsync(teamName, labelName, nodeName, ct).ConfigureAwait(false) ?? throw NotFound(teamName, labelName, nodeName);
    }

    private static CliFailure NotFound(TeamName team, string label, string name) =>
        new(ExitCodes.NotFound, $"node {label} '{name}' not found in team {team}");

    /// <summary>No --limit is no limit at all (no LIMIT clause), not int.MaxValue; a larger one is capped to what a store takes.</summary>
    private static int? Limit(long? limit) => limit is { } value ? (int)Math.Min(value, int.MaxValue) : null;

    private static UtcDay ParseDay(string? text) =>
        text is null ? UtcDay.Of(TimeProvider.System.GetUtcNow())
        : UtcDay.TryParse(text, out var day) ? day
        : throw new ArgumentException($"--day '{text}' must be a date YYYY-MM-DD");

    private static int Print<T>(CliConsole console, T value)
    {
        CliJson.WriteLine(console.Out, value);
        return ExitCodes.Ok;
    }
}
