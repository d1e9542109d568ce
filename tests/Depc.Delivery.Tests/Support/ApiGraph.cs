using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Depc.Delivery.Tests.Support;

/// <summary>
/// A team's graph and counts as a user sees them, read only through the public HTTP API (admin token): labels, every
/// node with its bounds and its dependencies with their periods (inactive ones included, on a fixed day), as
/// canonical text, so two runs or two stores compare exactly. Store ids are left out.
/// </summary>
internal static class ApiGraph
{
    public static async Task<string> DumpAsync(HttpClient admin, string team)
    {
        var text = new StringBuilder();
        foreach (var label in (await GetAsync(admin, $"/v1/teams/{team}/labels")).AsArray())
        {
            var name = label!["name"]!.GetValue<string>();
            text.Append("label ").Append(name).Append(' ').Append(label["nodes_count"]).AppendLine();
            foreach (var node in (await GetAsync(admin, $"/v1/teams/{team}/labels/{name}/nodes")).AsArray())
            {
                var nodeName = node!.GetValue<string>();
                var path = $"/v1/teams/{team}/labels/{name}/nodes/{Uri.EscapeDataString(nodeName)}";
                var alone = await GetAsync(admin, path + "?alone=true");
                text.Append("  ").Append(nodeName).Append(" from=").Append(alone["from"]).Append(" to=").Append(alone["to"]).AppendLine();
                var dependencies = (await GetAsync(admin, path + "?inactive=true&day=2024-01-01"))["dependencies"]!.AsObject();
                foreach (var (targetLabel, entries) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
                {
                    foreach (var entry in entries!.AsArray().Where(e => e!["periods"] is not null).OrderBy(e => e!["name"]!.GetValue<string>(), StringComparer.Ordinal))
                    {
                        text.Append("    -> ").Append(targetLabel).Append(':').Append(entry!["name"]).Append(' ').Append(entry["periods"]!.ToJsonString()).AppendLine();
                    }
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The team's counts as <c>/v1/teams/{team}/status</c> gives them: received, accepted, rejected, duplicates.</summary>
    public static async Task<(long Received, long Accepted, long Rejected, long Duplicates)> CountsAsync(HttpClient admin, string team)
    {
        var status = await GetAsync(admin, $"/v1/teams/{team}/status");
        return (Long(status, "received"), Long(status, "accepted"), Long(status, "rejected"), Long(status, "duplicates"));
    }

    /// <summary>The team's latest rejections from its feed.</summary>
    public static async Task<JsonArray> RejectionsAsync(HttpClient admin, string team) =>
        (await GetAsync(admin, $"/v1/teams/{team}/rejections?limit=1000")).AsArray();

    /// <summary>The service's <c>/v1/status</c>: live instances and each partition's owner.</summary>
    public static async Task<JsonNode> ServiceStatusAsync(HttpClient admin) => await GetAsync(admin, "/v1/status");

    private static long Long(JsonNode status, string name) => status[name]!.GetValue<long>();

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(path);
        var body = await answer.Content.ReadAsStringAsync();
        return answer.StatusCode == HttpStatusCode.OK
            ? JsonNode.Parse(body)!
            : throw new InvalidOperationException($"GET {path} answered {(int)answer.StatusCode}: {body}");
    }
}
