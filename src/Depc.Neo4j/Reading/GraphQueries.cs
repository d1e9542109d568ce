using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Reading;

/// <summary>The queries of SPEC §6 but impact: labels go into the text escaped, names always as parameters.</summary>
internal sealed class GraphQueries(Neo4jClient client)
{
    public async Task<IReadOnlyList<LabelCount>> GetLabelsAsync(TeamName team, CancellationToken cancellationToken)
    {
        var labels = await LabelsOfAsync(team, cancellationToken).ConfigureAwait(false);
        if (labels.Count == 0)
        {
            return [];
        }

        var counts = new long[labels.Count];
        var statements = labels.Select((label, i) => new CypherStatement(
            $"MATCH (n:{CypherText.Label(team, label)}) RETURN count(n)",
            OnRow: row => counts[i] = row[0].GetInt64())).ToList();
        await client.ReadAsync(statements, cancellationToken).ConfigureAwait(false);

        // db.labels() may still list a label whose nodes are all gone.
        return [.. labels.Select((label, i) => new LabelCount(label, counts[i])).Where(c => c.NodesCount > 0)];
    }

    /// <summary>The team's labels (unprefixed, sorted) the server knows; one may have no node left.</summary>
    public async Task<List<string>> LabelsOfAsync(TeamName team, CancellationToken cancellationToken)
    {
        var labels = new List<string>();
        await client.ReadAsync(
            [new("CALL db.labels() YIELD label RETURN label", OnRow: row =>
            {
                if (CypherText.Unprefixed(team, row[0].GetString() ?? "") is { } label)
                {
                    labels.Add(label);
                }
            })],
            cancellationToken).ConfigureAwait(false);
        labels.Sort(StringComparer.Ordinal);
        return labels;
    }

    /// <summary>
    /// The largest LIMIT sent: Neo4j 3.1's top-N sort allocates an array of the limit's size up front, so LIMIT 2147483647
    /// fails with "Requested array size exceeds VM limit". A larger limit reads the whole label and is applied here.
    /// </summary>
    private const int LargestLimitSent = 100_000;

    public async Task<IReadOnlyList<string>> GetNodeNamesAsync(TeamName team, string label, NodeListQuery query, CancellationToken cancellationToken)
    {
        int? sentLimit = query.Limit is { } wanted && wanted <= LargestLimitSent ? Math.Max(0, wanted) : null;
        var text = $"MATCH (n:{CypherText.Label(team, label)}) "
            + (query.NameContains is null ? "" : "WHERE n.name CONTAINS $contains ")
            + "RETURN n.name "
            + (query.Random ? "ORDER BY rand() " : "ORDER BY n.name ")
            + (sentLimit is null ? "" : "LIMIT $limit");
        var names = new List<string>();
        await client.ReadAsync(
            [new(text,
                w =>
                {
                    if (query.NameContains is { } contains)
                    {
                        w.WriteString("contains"u8, contains);
                    }

                    if (sentLimit is { } limit)
                    {
                        w.WriteNumber("limit"u8, limit);
                    }
                },
                row => names.Add(row[0].GetString()!))],
            cancellationToken).ConfigureAwait(false);
        if (!query.Random)
        {
            // Names are ASCII, but the contract is ordinal whatever the server's collation.
            names.Sort(StringComparer.Ordinal);
        }

        if (query.Limit is { } max && names.Count > max)
        {
            names.RemoveRange(Math.Max(0, max), names.Count - Math.Max(0, max));
        }

        return names;
    }

    public async Task<GraphNode?> GetNodeAsync(TeamName team, string label, string name, CancellationToken cancellationToken)
    {
        GraphNode? node = null;
        await client.ReadAsync(
            [new($"MATCH (n:{CypherText.Label(team, label)} {{name: $name}}) RETURN {Rows.NodeColumns("n")}",
                w => w.WriteString("name"u8, name),
                row => node ??= Rows.Node(team, row, 0))],
            cancellationToken).ConfigureAwait(false);
        return node;
    }

    public async Task<long> CountDependenciesAsync(TeamName team, string label, string name, CancellationToken cancellationToken)
    {
        long count = 0;
        await client.ReadAsync(
            [new($"MATCH (n:{CypherText.Label(team, label)} {{name: $name}})-[r:DEPENDS_ON]->() RETURN count(r)",
                w => w.WriteString("name"u8, name),
                row => count = row[0].GetInt64())],
            cancellationToken).ConfigureAwait(false);
        return count;
    }

    public async Task<IReadOnlyList<Neighbour>> GetNeighboursAsync(TeamName team, string label, string name, Direction direction, CancellationToken cancellationToken)
    {
        var pattern = direction == Direction.Dependencies ? "(n)-[r:DEPENDS_ON]->(m)" : "(n)<-[r:DEPENDS_ON]-(m)";
        var neighbours = new List<Neighbour>();
        await client.ReadAsync(
            [new($"MATCH (n:{CypherText.Label(team, label)} {{name: $name}}) MATCH {pattern} RETURN {Rows.NodeColumns("m")}, id(r), r.periods",
                w => w.WriteString("name"u8, name),
                row =>
                {
                    if (Rows.Node(team, row, 0) is { } node)
                    {
                        neighbours.Add(new Neighbour(node, row[5].GetInt64(), Rows.Periods(row[6])));
                    }
                })],
            cancellationToken).ConfigureAwait(false);
        return neighbours;
    }

    public async Task<DeleteOutcome> DeleteNodeAsync(TeamName team, string label, string name, bool detach, CancellationToken cancellationToken)
    {
        var node = $"MATCH (n:{CypherText.Label(team, label)} {{name: $name}}) ";
        var text = detach
            ? node + "DETACH DELETE n RETURN 0"
            // The check and the delete are one statement, so nothing can attach in between.
            : node + "OPTIONAL MATCH (n)-[r]-() WITH n, count(r) AS degree "
                + "FOREACH (x IN CASE WHEN degree = 0 THEN [1] ELSE [] END | DELETE n) RETURN degree";
        long? degree = null;
        await client.CommitAsync(
            [new(text, w => w.WriteString("name"u8, name), row => degree = row[0].GetInt64())],
            cancellationToken).ConfigureAwait(false);
        return degree switch
        {
            null => DeleteOutcome.NotFound,
            0 => DeleteOutcome.Deleted,
            _ => DeleteOutcome.HasRelationships,
        };
    }

    public async Task WriteHeartbeatAsync(long unixSeconds, CancellationToken cancellationToken) =>
        await client.CommitAsync(
            [new("MERGE (m:Monitoring {name: 'heartbeat'}) SET m.value = $value", w => w.WriteNumber("value"u8, unixSeconds))],
            cancellationToken).ConfigureAwait(false);

    public async Task<long?> ReadHeartbeatAsync(CancellationToken cancellationToken)
    {
        long? value = null;
        await client.ReadAsync(
            [new("MATCH (m:Monitoring {name: 'heartbeat'}) RETURN m.value ORDER BY m.value DESC LIMIT 1",
                OnRow: row => value = row[0].ValueKind == JsonValueKind.Number ? row[0].GetInt64() : null)],
            cancellationToken).ConfigureAwait(false);
        return value;
    }
}
