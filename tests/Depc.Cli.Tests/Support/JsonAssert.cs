using System.Text.Json.Nodes;

namespace Depc.Cli.Tests.Support;

internal static class JsonAssert
{
    /// <summary>Deep equality: object key order is free, array order is not.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var wanted = JsonNode.Parse(expected);
        Assert.True(
            JsonNode.DeepEquals(wanted, actual),
            $"JSON differs\nexpected: {wanted?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }

    /// <summary>
    /// The graph part of a dependencies answer with its store-assigned ids replaced by node titles
    /// (relationship ids dropped after checking they are distinct), so it can be compared exactly.
    /// </summary>
    public static JsonNode Portable(JsonNode? answer)
    {
        Assert.NotNull(answer);
        var graph = answer["graph"]!;
        var titles = new Dictionary<long, string>();
        var nodes = new JsonArray();
        foreach (var node in graph["nodes"]!.AsArray())
        {
            var title = (string)node!["title"]!;
            Assert.True(titles.TryAdd((long)node["id"]!, title), "node ids must be distinct");
            nodes.Add(new JsonObject { ["label"] = (string)node["label"]!, ["title"] = title });
        }

        var relationshipIds = new HashSet<long>();
        var relationships = new JsonArray();
        foreach (var rel in graph["relationships"]!.AsArray())
        {
            Assert.True(relationshipIds.Add((long)rel!["id"]!), "relationship ids must be distinct");
            relationships.Add(new JsonObject
            {
                ["from"] = titles[(long)rel["from"]!],
                ["to"] = titles[(long)rel["to"]!],
                ["periods"] = rel["periods"]!.DeepClone(),
            });
        }

        return new JsonObject
        {
            ["dependencies"] = answer["dependencies"]!.DeepClone(),
            ["graph"] = new JsonObject { ["nodes"] = nodes, ["relationships"] = relationships },
        };
    }
}
