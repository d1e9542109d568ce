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
/// read back by id through the team's labels (an id Neo4j reused for another team's relationship is dropped). A team
/// whose graph was written before the index existed (by an older Depc or the original system) gets it filled once,
/// at its first diff, then marked complete.
/// </summary>
internal sealed class ChangeQueries(Neo4jClient client, GraphQueries queries, ConstraintKeeper constraints)
{
    private readonly ConcurrentDictionary<string, bool> _indexed = new(StringComparer.Ordinal);

    public async Task<ChangeCandidates> CandidatesAsync(TeamName team, string? label, long t1, long t2, CancellationToken cancellationToken)
    {
        await EnsureIndexedAsync(team, cancellationToken).ConfigureAwait(false);
        var labels = label is null ? await queries.LabelsOfAsync(team, cancellationToken).ConfigureAwait(false) : [label];
        var nodes = new List<GraphNode>();
        var ids = new HashSet<long>();
        var statements = new List<CypherStatement>
        {
            new(
                $"MATCH (c:{CypherText.ChangesLabel(team)}) WHERE c.bucket >= $first AND c.bucket <= $last RETURN c.ts, c.ids",
                w =>
                {
                    w.WriteNumber("first"u8, ChangeBuckets.Of(t1));
                    w.WriteNumber("last"u8, ChangeBuckets.Of(t2));
                },
                row =>
                {
                    var (ts, found) = (Rows.Periods(row[0]), Rows.Periods(row[1]));
                    for (var i = 0; i < ts.Length && i < found.Length; i++)
                    {
                        if (ChangeBuckets.MayTell(ts[i], t1, t2))
                        {
                            ids.Add(found[i]);
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

        await client.CommitAsync(statements, cancellationToken).ConfigureAwait(false);
        return new ChangeCandidates(nodes, await RelationshipsAsync(team, ids, cancellationToken).ConfigureAwait(false));
    }

    private async Task<List<CandidateRelationship>> RelationshipsAsync(TeamName team, HashSet<long> ids, CancellationToken cancellationToken)
    {
        var relationships = new List<CandidateRelationship>();
        if (ids.Count == 0)
        {
            return relationships;
        }

        await client.CommitAsync(
            [new($"MATCH (s)-[r:DEPENDS_ON]->(t) WHERE id(r) IN $ids RETURN {Rows.NodeColumns("s")}, {Rows.NodeColumns("t")}, r.periods",
                w =>
                {
                    w.WriteStartArray("ids"u8);
                    foreach (var id in ids)
                    {
                        w.WriteNumberValue(id);
                    }

                    w.WriteEndArray();
                },
                row =>
                {
                    if (Rows.Node(team, row, 0) is { } source && Rows.Node(team, row, 5) is { } target)
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
            var changes = new ChangeRecorder<long>();
            await client.CommitAsync(
                [new($"MATCH (:{CypherText.Label(team, label)})-[r:DEPENDS_ON]->() RETURN id(r), r.periods",
                    OnRow: row => changes.Relationship(row[0].GetInt64(), null, new RelationshipState(Rows.Periods(row[1]), LastState.From, 0)))],
                cancellationToken).ConfigureAwait(false);
            if (changes.Count > 0)
            {
                await WriteAsync(ChangeStatements.Create(team, changes), cancellationToken).ConfigureAwait(false);
            }
        }

        await WriteAsync(new($"MERGE (:{CypherText.ChangesIndexedLabel(team)} {{complete: true}})"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A write that another writer's schema change or lock order may fail once in a while: run again, as batches are.</summary>
    private async Task WriteAsync(CypherStatement statement, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.CommitAsync([statement], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Neo4jException e) when (attempt < 10 && BatchWriter.IsRaceOfWriters(e.Code))
            {
                await Task.Delay(Random.Shared.Next(10, 50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
