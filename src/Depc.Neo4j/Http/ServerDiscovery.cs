using System.Text.Json;
using Depc.Neo4j.Cluster;
using Depc.Neo4j.Cypher;

namespace Depc.Neo4j.Http;

/// <summary>
/// Finds, once per member, where its transactions live, its version and its Bolt address: 4.x/5.x answer <c>GET /</c>
/// with a <c>transaction</c> URL template, 3.x with a <c>data</c> URL that names the endpoint.
/// </summary>
internal sealed class ServerDiscovery(Neo4jClient client, string? database)
{
    public async Task<ServerInfo> OfAsync(Neo4jMember member, CancellationToken cancellationToken) =>
        member.Server ??= await DiscoverAsync(member, cancellationToken).ConfigureAwait(false);

    private async Task<ServerInfo> DiscoverAsync(Neo4jMember member, CancellationToken cancellationToken)
    {
        using var root = await client.GetJsonAsync(member, member.Root, cancellationToken).ConfigureAwait(false);
        var rootElement = root.RootElement;
        if (rootElement.TryGetProperty("transaction", out var template) && template.ValueKind == JsonValueKind.String)
        {
            // 4.x/5.x: "http://host:7474/db/{databaseName}/tx"
            var version = Text(rootElement, "neo4j_version") ?? "";
            var escaped = Uri.EscapeDataString(database ?? "neo4j");
            var endpoint = member.Rebase(new Uri(template.GetString()!.Replace("{databaseName}", escaped, StringComparison.Ordinal)));
            return new ServerInfo(endpoint, version, CypherDialect.FromVersion(version), BoltAuthority(Text(rootElement, "bolt_direct")));
        }

        if (rootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
        {
            // 3.x: the data URL names the transaction endpoint and the version.
            if (database is not null)
            {
                throw new Neo4jException(null, "Neo4j 3.x has a single database: remove the database from the store URI", isTransient: false);
            }

            using var service = await client.GetJsonAsync(member, member.Rebase(new Uri(data.GetString()!)), cancellationToken).ConfigureAwait(false);
            var transaction = service.RootElement.GetProperty("transaction").GetString()!;
            var version = Text(service.RootElement, "neo4j_version") ?? "";
            return new ServerInfo(member.Rebase(new Uri(transaction)), version, CypherDialect.FromVersion(version), BoltAuthority(Text(rootElement, "bolt")));
        }

        throw new Neo4jException(null, $"{member} does not look like Neo4j's HTTP API", isTransient: false);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? BoltAuthority(string? bolt) =>
        bolt is not null && Uri.TryCreate(bolt, UriKind.Absolute, out var uri) ? uri.Authority : null;
}
