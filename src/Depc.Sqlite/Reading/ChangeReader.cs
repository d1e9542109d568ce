using System.Globalization;
using System.Text;
using Depc.Core.Changes;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Depc.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Depc.Sqlite.Reading;

/// <summary>
/// The candidates of a diff from the change index: the rows of the buckets covering <c>[t1, t2]</c>, their entries
/// inside it, then those nodes and relationships as they are now (an entry whose element was deleted finds nothing;
/// row ids are never reused across teams unchecked: every element is read back through its team).
/// </summary>
/// <remarks>
/// <c>CROSS JOIN</c> keeps the candidates' list outermost: left to choose, SQLite's planner walked the team's whole
/// node index and the list for each node (a one-hour diff of the 1M-message bench took a minute).
/// </remarks>
internal static class ChangeReader
{
    public static ChangeCandidates Candidates(SqliteConnection c, TeamName team, string? label, long t1, long t2)
    {
        var nodeIds = new HashSet<long>();
        var pairs = new HashSet<(long Source, long Target)>();
        using (var command = GraphReader.Command(
            c,
            "SELECT entries FROM changes WHERE team = @team AND bucket BETWEEN @first AND @last",
            ("@team", team.Value),
            ("@first", ChangeBuckets.Of(t1)),
            ("@last", ChangeBuckets.Of(t2))))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ChangeRows.Decode(reader.GetFieldValue<byte[]>(0), (ts, element) =>
                {
                    if (!ChangeBuckets.MayTell(ts, t1, t2))
                    {
                        return;
                    }

                    if (element.IsNode)
                    {
                        nodeIds.Add(element.Source);
                    }
                    else
                    {
                        pairs.Add((element.Source, element.Target));
                    }
                });
            }
        }

        return new ChangeCandidates(Nodes(c, team, label, nodeIds), Relationships(c, team, label, pairs));
    }

    private static List<GraphNode> Nodes(SqliteConnection c, TeamName team, string? label, HashSet<long> ids)
    {
        var nodes = new List<GraphNode>();
        if (ids.Count == 0)
        {
            return nodes;
        }

        using var command = GraphReader.Command(
            c,
            """
            SELECT n.id, n.label, n.name, n."from", n."to" FROM json_each(@ids) j CROSS JOIN nodes n ON n.id = j.value
            WHERE n.team = @team AND (@label IS NULL OR n.label = @label)
            """,
            ("@ids", Json(ids, static (text, id) => text.Append(id))),
            ("@team", team.Value),
            ("@label", label));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            nodes.Add(GraphReader.ReadNode(reader, 0));
        }

        return nodes;
    }

    private static List<CandidateRelationship> Relationships(SqliteConnection c, TeamName team, string? label, HashSet<(long Source, long Target)> pairs)
    {
        var relationships = new List<CandidateRelationship>();
        if (pairs.Count == 0)
        {
            return relationships;
        }

        using var command = GraphReader.Command(
            c,
            """
            SELECT s.id, s.label, s.name, s."from", s."to", t.id, t.label, t.name, t."from", t."to", r.periods
            FROM json_each(@pairs) j
            CROSS JOIN relationships r ON r.source_id = json_extract(j.value, '$[0]') AND r.target_id = json_extract(j.value, '$[1]')
            CROSS JOIN nodes s ON s.id = r.source_id CROSS JOIN nodes t ON t.id = r.target_id
            WHERE s.team = @team AND (@label IS NULL OR s.label = @label OR t.label = @label)
            """,
            ("@pairs", Json(pairs, static (text, pair) => text.Append('[').Append(pair.Source).Append(',').Append(pair.Target).Append(']'))),
            ("@team", team.Value),
            ("@label", label));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            relationships.Add(new CandidateRelationship(GraphReader.ReadNode(reader, 0), GraphReader.ReadNode(reader, 5), PeriodsCodec.Decode(reader.GetString(10))));
        }

        return relationships;
    }

    private static string Json<T>(IEnumerable<T> items, Action<StringBuilder, T> write)
    {
        var text = new StringBuilder("[");
        foreach (var item in items)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            write(text, item);
        }

        return text.Append(']').ToString();
    }
}
