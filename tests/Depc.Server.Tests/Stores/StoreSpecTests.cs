using Depc.Server.Stores;

namespace Depc.Server.Tests.Stores;

public sealed class StoreSpecTests
{
    [Theory]
    [InlineData("sqlite:depc.db", "depc.db")]
    [InlineData("SQLite:/var/lib/depc/graph.db", "/var/lib/depc/graph.db")]
    public void A_sqlite_store_is_a_path_whatever_the_case_of_its_prefix(string text, string path) =>
        Assert.Equal(path, Assert.IsType<SqliteStoreSpec>(StoreSpec.Parse(text)).Path);

    [Fact]
    public void A_neo4j_store_names_one_server_or_the_members_of_a_cluster()
    {
        var single = Assert.IsType<Neo4jStoreSpec>(StoreSpec.Parse("Neo4j:http://alice:pw@db.example:7474", _ => null));
        Assert.Equal(["http://db.example:7474/"], single.Connection.Members.Select(m => m.AbsoluteUri));

        var cluster = Assert.IsType<Neo4jStoreSpec>(StoreSpec.Parse("neo4j:http://alice:pw@a:7474,b:7475,c:7476/graph", _ => null));
        Assert.Equal(["http://a:7474/", "http://b:7475/", "http://c:7476/"], cluster.Connection.Members.Select(m => m.AbsoluteUri));
        Assert.Equal(("alice", "pw", "graph"), (cluster.Connection.User, cluster.Connection.Password, cluster.Connection.Database));
        Assert.Equal("neo4j:http://alice:***@a:7474,b:7475,c:7476/graph", cluster.ToString());
    }

    [Theory]
    [InlineData("", "the store is empty")]
    [InlineData("sqlite:", "needs a file path")]
    [InlineData("sqlite:   ", "needs a file path")]
    [InlineData("mysql://localhost/depc", "is neither sqlite:PATH nor neo4j:http://")]
    [InlineData("neo4j:bolt://a:7687", "not Bolt")]
    [InlineData("neo4j:http://a:7474,,b:7474", "member 2 of 3 of the Neo4j store, '', is not host:port")]
    [InlineData("neo4j:http://a:7474,b:x", "member 2 of 2 of the Neo4j store, 'b:x', is not host:port")]
    [InlineData("neo4j:http://a:7474,a:7474", "is named twice")]
    [InlineData("neo4j:http://a:7474/db/more", "at most a database name")]
    public void A_malformed_store_is_refused_with_what_is_wrong(string text, string message)
    {
        Assert.False(StoreSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => StoreSpec.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_store_holding_credentials_is_not_echoed() =>
        Assert.DoesNotContain("secret", Assert.Throws<ArgumentException>(() => StoreSpec.Parse("postgres://u:secret@db/x")).Message, StringComparison.Ordinal);
}
