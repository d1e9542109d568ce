using Depc.Neo4j;

namespace Depc.Server.Stores;

/// <summary>A Neo4j server or cluster, over its HTTP API.</summary>
public sealed record Neo4jStoreSpec(Neo4jConnectionString Connection) : StoreSpec
{
    public override string ToString() => Connection.ToString();
}
