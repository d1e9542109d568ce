using Depc.Neo4j.Http;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

[Collection(Neo4jServerGroup.Name)]
public sealed class ClientTests(Neo4jServerFixture fixture)
{
    private Neo4jConnectionString Connection => Neo4jConnectionString.Parse(fixture.Server.StoreSpec, _ => null);

    [Fact]
    public async Task Discovers_the_3x_endpoint_and_version()
    {
        using var client = new Neo4jClient(Connection);
        var server = await client.GetServerAsync(CancellationToken.None);
        Assert.Equal("3.1.1", server.Version);
        Assert.False(server.Dialect.IsModern);
        Assert.Equal($"http://127.0.0.1:{fixture.Server.HttpPort}/db/data/transaction", server.TransactionEndpoint.AbsoluteUri);
    }

    [Fact]
    public async Task Streams_many_rows_with_parameters()
    {
        using var client = new Neo4jClient(Connection);
        long sum = 0;
        var rows = 0;
        await client.CommitAsync(
            [new CypherStatement("UNWIND range(1, $n) AS i RETURN i, 'x' + i", w => w.WriteNumber("n"u8, 200_000), row =>
            {
                rows++;
                sum += row[0].GetInt64();
            })],
            CancellationToken.None);
        Assert.Equal(200_000, rows);
        Assert.Equal(200_000L * 200_001 / 2, sum);
    }

    [Fact]
    public async Task Rolled_back_transaction_leaves_nothing_and_committed_one_stays()
    {
        using var client = new Neo4jClient(Connection);
        var name = Guid.NewGuid().ToString("N");
        var create = new CypherStatement("CREATE (:ClientTest {name: $name})", w => w.WriteString("name"u8, name));
        var tx = await client.BeginAsync([create], CancellationToken.None);
        await tx.RunAsync([create], CancellationToken.None);
        await tx.RollbackAsync();
        Assert.Equal(0, await CountAsync(client, name));

        tx = await client.BeginAsync([create], CancellationToken.None);
        await tx.CommitAsync([create], CancellationToken.None);
        Assert.Equal(2, await CountAsync(client, name));
    }

    [Fact]
    public async Task A_statement_error_no_message_value_caused_is_store_wide_and_a_constraint_broken_by_a_value_is_the_messages()
    {
        using var client = new Neo4jClient(Connection);
        var e = await Assert.ThrowsAsync<Neo4jException>(() => client.CommitAsync([new CypherStatement("THIS IS NOT CYPHER")], CancellationToken.None));
        Assert.StartsWith("Neo.ClientError.Statement.SyntaxError", e.Code, StringComparison.Ordinal);
        Assert.True(e.IsTransient);

        var label = "ClientTestUnique" + Guid.NewGuid().ToString("N")[..8];
        await client.CommitAsync([new CypherStatement($"CREATE CONSTRAINT ON (n:{label}) ASSERT n.name IS UNIQUE")], CancellationToken.None);
        var twice = await Assert.ThrowsAsync<Neo4jException>(() => client.CommitAsync(
            [new CypherStatement($"CREATE (:{label} {{name: 'x'}}) CREATE (:{label} {{name: 'x'}})")], CancellationToken.None));
        Assert.Equal("Neo.ClientError.Schema.ConstraintValidationFailed", twice.Code);
        Assert.True(twice.IsMessageCaused);
    }

    [Fact]
    public async Task A_wrong_password_is_a_store_wide_unauthorized_error_retried_until_fixed()
    {
        var wrong = Neo4jConnectionString.Parse($"neo4j:http://neo4j:wrong@127.0.0.1:{fixture.Server.HttpPort}", _ => null);
        using var client = new Neo4jClient(wrong);
        var e = await Assert.ThrowsAsync<Neo4jException>(() => client.GetServerAsync(CancellationToken.None));
        Assert.Equal("Neo.ClientError.Security.Unauthorized", e.Code);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_a_transient_error()
    {
        var port = fixture.Server.BoltPort + 1000;
        using var client = new Neo4jClient(Neo4jConnectionString.Parse($"http://127.0.0.1:{port}", _ => null));
        var e = await Assert.ThrowsAsync<Neo4jException>(() => client.GetServerAsync(CancellationToken.None));
        Assert.True(e.IsTransient);
    }

    private static async Task<long> CountAsync(Neo4jClient client, string name)
    {
        long count = -1;
        await client.CommitAsync(
            [new CypherStatement("MATCH (n:ClientTest {name: $name}) RETURN count(n)", w => w.WriteString("name"u8, name), row => count = row[0].GetInt64())],
            CancellationToken.None);
        return count;
    }
}
