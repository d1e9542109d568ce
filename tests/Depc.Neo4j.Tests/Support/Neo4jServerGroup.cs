namespace Depc.Neo4j.Tests.Support;

[CollectionDefinition(Name)]
public sealed class Neo4jServerGroup : ICollectionFixture<Neo4jServerFixture>
{
    public const string Name = "neo4j";
}
