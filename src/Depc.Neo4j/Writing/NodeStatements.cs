using System.Text.Json;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Neo4j.Cypher;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// The node upserts of a batch, one <c>UNWIND … MERGE</c> per label, which also take the write lock of every node
/// of the batch until the transaction ends. Nodes are locked in one global order (labels, then names, ordinally)
/// so that two writers of overlapping batches wait for each other instead of deadlocking.
/// </summary>
internal static class NodeStatements
{
    /// <summary>
    /// A node found is locked by a dummy property write (the documented way to take a write lock in Cypher), one
    /// created is locked by its creation; a null from/to is left out of <c>props</c> and keeps the stored value (no
    /// property write for nodes without bounds). Returns each row's position, the node id and whether this statement
    /// created it.
    /// </summary>
    public static CypherStatement Upsert(TeamName team, LabelNodes group, int groupIndex, NodeIds ids) => new(
        $"UNWIND $rows AS row MERGE (n:{CypherText.Label(team, group.Label)} {{name: row.name}}) " +
        "ON CREATE SET n.`__new` = true ON MATCH SET n.`__lock` = true " +
        "WITH row, n, n.`__new` AS created " +
        "SET n += row.props REMOVE n.`__new`, n.`__lock` " +
        "RETURN row.i, id(n), created",
        w =>
        {
            w.WriteStartArray("rows"u8);
            foreach (var i in InLockOrder(group.Nodes))
            {
                var node = group.Nodes[i];
                w.WriteStartObject();
                w.WriteNumber("i"u8, i);
                w.WriteString("name"u8, node.Name);
                w.WriteStartObject("props"u8);
                WriteIfSet(w, "from"u8, node.From);
                WriteIfSet(w, "to"u8, node.To);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        },
        row => ids.Set(groupIndex, row[0].GetInt32(), row[1].GetInt64(), row[2].ValueKind == JsonValueKind.True));

    /// <summary>The label groups of a plan in lock order.</summary>
    public static IEnumerable<int> GroupsInLockOrder(IReadOnlyList<LabelNodes> groups) =>
        Enumerable.Range(0, groups.Count).OrderBy(g => groups[g].Label, StringComparer.Ordinal);

    private static int[] InLockOrder(IReadOnlyList<NodeUpsert> nodes)
    {
        var order = new int[nodes.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => string.CompareOrdinal(nodes[a].Name, nodes[b].Name));
        return order;
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
