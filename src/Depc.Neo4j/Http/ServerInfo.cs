using Depc.Neo4j.Cypher;

namespace Depc.Neo4j.Http;

/// <summary>What discovery found: where transactions live and which Neo4j answers there.</summary>
internal sealed record ServerInfo(Uri TransactionEndpoint, string Version, CypherDialect Dialect)
{
    public Uri CommitEndpoint => new(TransactionEndpoint.AbsoluteUri.TrimEnd('/') + "/commit");
}
