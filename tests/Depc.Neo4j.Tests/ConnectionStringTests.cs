namespace Depc.Neo4j.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Parses_user_password_host_port_and_database()
    {
        var c = Neo4jConnectionString.Parse("neo4j:http://alice:s%40cret@db.example:7474/inventory", _ => null);
        Assert.Equal("http://db.example:7474/", c.BaseUri.AbsoluteUri);
        Assert.Equal("alice", c.User);
        Assert.Equal("s@cret", c.Password);
        Assert.Equal("inventory", c.Database);
        Assert.Equal("neo4j:http://alice:***@db.example:7474/inventory", c.ToString());
    }

    [Fact]
    public void The_password_comes_from_the_environment_and_is_never_shown()
    {
        var c = Neo4jConnectionString.Parse("neo4j:http://localhost:7474", v => v == Neo4jConnectionString.PasswordVariable ? "hidden" : null);
        Assert.Equal("neo4j", c.User);
        Assert.Equal("hidden", c.Password);
        Assert.DoesNotContain("hidden", c.ToString(), StringComparison.Ordinal);
        Assert.Null(c.Database);
    }

    [Fact]
    public void No_credentials_means_no_authentication()
    {
        var c = Neo4jConnectionString.Parse("http://localhost:7474/", _ => null);
        Assert.Null(c.User);
        Assert.Equal("neo4j:http://localhost:7474", c.ToString());
    }

    [Fact]
    public void Names_the_members_of_a_cluster_in_order_with_shared_credentials_and_database()
    {
        var c = Neo4jConnectionString.Parse("neo4j:https://alice:s%40cret@a.example:7473,b.example:7473,10.0.0.3:7473/inventory", _ => null);
        Assert.Equal(["https://a.example:7473/", "https://b.example:7473/", "https://10.0.0.3:7473/"], c.Members.Select(m => m.AbsoluteUri));
        Assert.Equal(c.Members[0], c.BaseUri);
        Assert.Equal(("alice", "s@cret", "inventory"), (c.User, c.Password, c.Database));
        Assert.Equal("neo4j:https://alice:***@a.example:7473,b.example:7473,10.0.0.3:7473/inventory", c.ToString());
    }

    [Theory]
    [InlineData("neo4j:http://a:7474,")]
    [InlineData("neo4j:http://a:7474,b:7474:1")]
    [InlineData("neo4j:bolt://localhost:7687")]
    [InlineData("neo4j:localhost")]
    [InlineData("neo4j:http://localhost:7474/a/b")]
    public void Refuses_what_is_not_an_http_uri(string spec) =>
        Assert.Throws<FormatException>(() => Neo4jConnectionString.Parse(spec, _ => null));
}
