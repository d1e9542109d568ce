using Depc.Neo4j.Cypher;

namespace Depc.Neo4j.Http;

/// <summary>What discovery found: where transactions live, which Neo4j answers there, and its Bolt address (host:port) if it said.</summary>
internal sealed record ServerInfo(Uri TransactionEndpoint, string Version, CypherDialect Dialect, string? BoltAuthority = null)
{
    public Uri CommitEndpoint => new(TransactionEndpoint.AbsoluteUri.TrimEnd('/') + "/commit");

    /// <summary>The commit endpoint of another database of the same server (4.x/5.x: <c>system</c> answers <c>SHOW DATABASES</c>).</summary>
    public Uri CommitEndpointOf(string database, string? ownDatabase) =>
        new(CommitEndpoint.AbsoluteUri.Replace("/db/" + Uri.EscapeDataString(ownDatabase ?? "neo4j") + "/", "/db/" + Uri.EscapeDataString(database) + "/", StringComparison.Ordinal));
}
