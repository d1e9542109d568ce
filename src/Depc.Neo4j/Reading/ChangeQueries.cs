using System.Collections.Concurrent;
using Depc.Core.Changes;
using Depc.Core.Naming;
using Depc.Core.Periods;
using Depc.Core.Storage;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;
using Depc.Neo4j.Writing;

namespace Depc.Neo4j.Reading;

/// <summary>
/// The candidates of a diff: nodes whose <c>from</c> or <c>to</c> lies in <c>[t1, t2]</c> through the labels' indexes,
/// and relationships named by the team's change-index nodes of the buckets covering it (<see cref="ChangeStatements"/>),
/// read back by their nodes' ids through the team's labels (an id Neo4j reused for another team's node is dropped). A team
/// whose graph was written before the index existed (by an older Depc or the original system) gets it filled once,
/// at its first diff, then marked complete.
/// </summary>
internal sealed class ChangeQueries(Neo4jClient client, GraphQueries queries, ConstraintKeeper constraints)
{
    // Its own health: a backfill a query waits for is not the store's write health (readiness).
    private static readonly StoreRetry BackfillRetry = new(
        new StoreRetryOptions { Attempts = 6, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(1) },
        TimeProvider.System,
        new StoreHealth());

    private readonly ConcurrentDictionary<string, bool> _indexed = new(StringComparer.Ordinal);

    public async Task<ChangeCandidates> CandidatesAsync(TeamName team, string? label, long t1, long t2, CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(team, cancellationToken).ConfigureAwait(false);
        var labels = label is null ? await queries.LabelsOfAsync(team, cancellationToken).ConfigureAwait(false) : [label];
        var nodes = new List<GraphNode>();
        var pairs = new HashSet<(long Source, long Target)>();
        var statements = new List<CypherStatement>
        {
            new(
                $"MATCH (c:{CypherText.ChangesLabel(team)}) WHERE c.bucket >= $first AND c.bucket <= $last RETURN c.ts, c.sources, c.targets",
                w =>
                {
                    w.WriteNumber("first"u8, ChangeBuckets.Of(t1));
                    w.WriteNumber("last"u8, ChangeBuckets.Of(t2));
                },
                row =>
                {
                    var (ts, sources, targets) = (Rows.Periods(row[0]), Rows.Periods(row[1]), Rows.Periods(row[2]));
                    for (var i = 0; i < ts.Length && i < sources.Length && i < targets.Length; i++)
                    {
                        if (ChangeBuckets.MayTell(ts[i], t1, t2))
                        {
                            pairs.Add((sources[i], targets[i]));
                        }
                    }
                }),
        };
        foreach (var l in labels)
        {
            var escaped = CypherText.Label(team, l);
            statements.Add(new(
                $"MATCH (n:{escaped}) WHERE n.from >= $t1 AND n.from <= $t2 RETURN {Rows.NodeColumns("n")} " +
                $"UNION MATCH (n:{escaped}) WHERE n.to >= $t1 AND n.to <= $t2 RETURN {Rows.NodeColumns("n")}",
                w =>
                {
                    w.WriteNumber("t1"u8, t1);
                    w.WriteNumber("t2"u8, t2);
                },
                row =>
                {
                    if (Rows.Node(team, row, 0) is { } node)
                    {
                        nodes.Add(node);
                    }
                }));
        }

        await client.ReadAsync(statements, cancellationToken).ConfigureAwait(false);
        return new ChangeCandidates(nodes, await RelationshipsAsync(team, pairs, cancellationToken).ConfigureAwait(false));
    }

    private async Task<List<CandidateRelationship>> RelationshipsAsync(
        TeamName team, HashSet<(long Source, long Target)> pairs, CancellationToken cancellationToken)
    {
        var relationships = new List<CandidateRelationship>();
        if (pairs.Count == 0)
        {
            return relationships;
        }

        var seen = new HashSet<(long, long)>();
        await client.ReadAsync(
            [new("UNWIND $rows AS row MATCH (s) WHERE id(s) = row.s MATCH (t) WHERE id(t) = row.t " +
                $"MATCH (s)-[r:DEPENDS_ON]->(t) RETURN {Rows.NodeColumns("s")}, {Rows.NodeColumns("t")}, r.periods",
                w =>
                {
                    w.WriteStartArray("rows"u8);
                    foreach (var (source, target) in pairs)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("s"u8, source);
                        w.WriteNumber("t"u8, target);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                },
                row =>
                {
                    // Legacy graphs may hold several relationships between two nodes: the first one speaks for them.
                    if (Rows.Node(team, row, 0) is { } source && Rows.Node(team, row, 5) is { } target && seen.Add((source.Id, target.Id)))
                    {
                        relationships.Add(new CandidateRelationship(source, target, Rows.Periods(row[10])));
                    }
                })],
            cancellationToken).ConfigureAwait(false);
        return relationships;
    }

    private async Task EnsureIndexedAsync(TeamName team, CancellationToken cancellationToken)
    {
        if (_indexed.ContainsKey(team.Value))
        {
            return;
        }

        var marked = false;
        await client.CommitAsync(
            [new($"MATCH (m:{CypherText.ChangesIndexedLabel(team)}) RETURN count(m)", OnRow: row => marked = row[0].GetInt64() > 0)],
            cancellationToken).ConfigureAwait(false);
        if (!marked)
        {
            await BackfillAsync(team, cancellationToken).ConfigureAwait(false);
        }

        _indexed.TryAdd(team.Value, true);
    }

    /// <summary>
    /// Records every stored period boundary of the team, a label at a time, then marks the index complete. Writers
    /// running meanwhile add their own entries: some may be there twice, which costs a diff nothing but a check.
    /// </summary>
    private async Task BackfillAsync(TeamName team, CancellationToken cancellationToken)
    {
        await constraints.EnsureChangesAsync(team, cancellationToken).ConfigureAwait(false);
        foreach (var label in await queries.LabelsOfAsync(team, cancellationToken).ConfigureAwait(false))
        {
            var changes = new ChangeRecorder<(long Source, long Target)>();
            await client.ReadAsync(
                [new($"MATCH (s:{CypherText.Label(team, label)})-[r:DEPENDS_ON]->(t) RETURN id(s), id(t), r.periods",
                    OnRow: row => changes.Relationship(
                        (row[0].GetInt64(), row[1].GetInt64()), null, new RelationshipState(Rows.Periods(row[2]), LastState.From, 0)))],
                cancellationToken).ConfigureAwait(false);
            if (changes.Count > 0)
            {
                await WriteAsync(team, ChangeStatements.Create(team, changes), cancellationToken).ConfigureAwait(false);
            }
        }

        await WriteAsync(team, new($"MERGE (:{CypherText.ChangesIndexedLabel(team)} {{complete: true}})"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A write that another writer's schema change or lock order may fail once in a while: run again through the one
    /// retry definition, a few times (a query waits for it).
    /// </summary>
    private Task<bool> WriteAsync(TeamName team, CypherStatement statement, CancellationToken cancellationToken) =>
        BackfillRetry.RunAsync(
            team,
            async token =>
            {
                await client.CommitAsync([statement], token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
}
