using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Core.Queries;

/// <summary>
/// The queries of SPEC §7 (why impacted, diff, history) over the store seam, shared by the CLI and the HTTP API so
/// both answer the same JSON: the store fetches, <see cref="ImpactAnalysis"/>, <see cref="TimeDiff"/> and
/// <see cref="NodeHistory"/> decide.
/// </summary>
public static class TimeTravelQueries
{
    public static async Task<Lookup<WhyAnswer>> WhyAsync(
        IGraphStore store, TeamName team, NodeKey failing, NodeKey impacted, long ts, CancellationToken cancellationToken)
    {
        var subgraph = await store.GetImpactSubgraphAsync(team, failing.Label, failing.Name, cancellationToken).ConfigureAwait(false);
        if (subgraph is null)
        {
            return Lookup.Missing<WhyAnswer>(NotFound(team, failing));
        }

        if (ImpactAnalysis.Why(subgraph, impacted.Label, impacted.Name, ts) is { } answer)
        {
            return Lookup.Found(answer);
        }

        return await store.GetNodeAsync(team, impacted.Label, impacted.Name, cancellationToken).ConfigureAwait(false) is null
            ? Lookup.Missing<WhyAnswer>(NotFound(team, impacted))
            : Lookup.Missing<WhyAnswer>(
                $"node {impacted.Label} '{impacted.Name}' is not impacted by {failing.Label} '{failing.Name}': no chain of DEPENDS_ON leads from it there");
    }

    public static async Task<Lookup<HistoryAnswer>> HistoryAsync(IGraphStore store, TeamName team, NodeKey node, CancellationToken cancellationToken)
    {
        if (await store.GetNodeAsync(team, node.Label, node.Name, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return Lookup.Missing<HistoryAnswer>(NotFound(team, node));
        }

        var (dependencies, dependents) = await NeighboursAsync(store, team, found, cancellationToken).ConfigureAwait(false);
        return Lookup.Found(NodeHistory.Build(found, dependencies, dependents));
    }

    /// <summary>
    /// The diff of <paramref name="query"/> (already checked with <see cref="DiffQuery.Problem"/>). A whole team or a
    /// label reads the store's change index; one node's neighbourhood is read whole (its size is the node's degree).
    /// </summary>
    public static async Task<Lookup<DiffAnswer>> DiffAsync(IGraphStore store, TeamName team, DiffQuery query, CancellationToken cancellationToken)
    {
        if (query.Node is not { } name)
        {
            var candidates = await store.GetChangeCandidatesAsync(team, query.Label, query.From, query.To, cancellationToken).ConfigureAwait(false);
            return Lookup.Found(TimeDiff.Compute(candidates, query));
        }

        var key = new NodeKey(query.Label!, name);
        if (await store.GetNodeAsync(team, key.Label, key.Name, cancellationToken).ConfigureAwait(false) is not { } node)
        {
            return Lookup.Missing<DiffAnswer>(NotFound(team, key));
        }

        var (dependencies, dependents) = await NeighboursAsync(store, team, node, cancellationToken).ConfigureAwait(false);
        var links = dependencies.Select(d => new CandidateRelationship(node, d.Node, d.Periods))
            .Concat(dependents.Select(d => new CandidateRelationship(d.Node, node, d.Periods)));
        var nodes = dependencies.Concat(dependents).Select(d => d.Node).Prepend(node);
        return Lookup.Found(TimeDiff.Compute(new ChangeCandidates([.. nodes], [.. links]), query));
    }

    private static async Task<(IReadOnlyList<Neighbour> Dependencies, IReadOnlyList<Neighbour> Dependents)> NeighboursAsync(
        IGraphStore store, TeamName team, GraphNode node, CancellationToken cancellationToken) =>
        (await store.GetNeighboursAsync(team, node.Label, node.Name, Direction.Dependencies, cancellationToken).ConfigureAwait(false),
         await store.GetNeighboursAsync(team, node.Label, node.Name, Direction.Dependents, cancellationToken).ConfigureAwait(false));

    private static string NotFound(TeamName team, NodeKey node) => $"node {node.Label} '{node.Name}' not found in team {team.Value}";
}
