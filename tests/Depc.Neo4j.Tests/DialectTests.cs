using System.Net;
using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;
using Depc.Neo4j.Tests.Recorded;
using Depc.Neo4j.Tests.Support;

namespace Depc.Neo4j.Tests;

/// <summary>Neo4j 4.x/5.x do not run here: their discovery and constraint syntax are checked against recorded answers.</summary>
public sealed class DialectTests
{
    private static readonly TeamName Acme = TeamName.Parse("acme");

    [Fact]
    public async Task Neo4j5_uses_the_transaction_template_with_the_database_and_the_5x_constraint()
    {
        var handler = new RecordedHandler()
            .Answer("GET", "/", RecordedAnswers.Root5)
            .Answer("POST", "/db/inventory/tx/commit", RecordedAnswers.EmptyResult);
        await using var store = new Neo4jGraphStore(Neo4jConnectionString.Parse("neo4j:http://neo4j:pw@db.example:7474/inventory", _ => null), handler);

        await store.InitializeAsync(CancellationToken.None);
        await store.ApplyAsync(NodeOnlyPlan(), CancellationToken.None);

        Assert.Equal("5.26.0", store.ServerVersion);
        var commits = handler.Requests.Where(r => r.Path == "/db/inventory/tx/commit").Select(r => r.Body!).ToList();
        // The label's schema, the ledger's schema, the planner's seed, then the write.
        Assert.Equal(4, commits.Count);
        Assert.Contains("CREATE CONSTRAINT IF NOT EXISTS FOR (n:`acme_Server`) REQUIRE n.name IS UNIQUE", commits[0], StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX IF NOT EXISTS FOR (n:`acme_Server`) ON (n.from)", commits[0], StringComparison.Ordinal);
        Assert.Contains("CREATE CONSTRAINT IF NOT EXISTS FOR (n:`_Depc_Position`) REQUIRE n.key IS UNIQUE", commits[1], StringComparison.Ordinal);
        Assert.Contains("CREATE CONSTRAINT IF NOT EXISTS FOR (n:`_Depc_Team`) REQUIRE n.token_hash IS UNIQUE", commits[1], StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX IF NOT EXISTS FOR (n:`_Depc_Idempotency`) ON (n.created_at)", commits[1], StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX IF NOT EXISTS FOR (n:`_Depc_Rejection`) ON (n.team)", commits[1], StringComparison.Ordinal);
        Assert.Contains("MERGE (:`_Depc_PlannerSeed` {n: n})", commits[2], StringComparison.Ordinal);
        // One request: the nodes and the team's counts, committed together.
        Assert.Contains("MERGE (n:`acme_Server` {name: row.name})", commits[3], StringComparison.Ordinal);
        Assert.Contains("MERGE (c:`_Depc_TeamCounts` {team: $team})", commits[3], StringComparison.Ordinal);
        Assert.All(handler.Requests, r => Assert.Equal("Basic bmVvNGo6cHc=", r.Authorization));
    }

    [Fact]
    public async Task Neo4j4_uses_the_default_database_and_tolerates_an_existing_constraint()
    {
        var handler = new RecordedHandler()
            .Answer("GET", "/", RecordedAnswers.Root4)
            .Answer("POST", "/db/neo4j/tx/commit", RecordedAnswers.EquivalentConstraint);
        using var client = new Neo4jClient(Neo4jConnectionString.Parse("http://db.example:7474", _ => null), handler);
        var server = await client.GetServerAsync(CancellationToken.None);
        Assert.Equal("http://db.example:7474/db/neo4j/tx", server.TransactionEndpoint.AbsoluteUri);
        Assert.Equal("CREATE CONSTRAINT ON (n:`acme_Server`) ASSERT n.name IS UNIQUE", server.Dialect.UniqueNameConstraint("`acme_Server`"));

        using var constraints = new Writing.ConstraintKeeper(client);
        await constraints.EnsureAsync(Acme, ["Server"], withChanges: true, CancellationToken.None);
    }

    [Fact]
    public async Task Neo4j3_is_found_through_the_data_url()
    {
        var handler = new RecordedHandler()
            .Answer("GET", "/", RecordedAnswers.Root3)
            .Answer("GET", "/db/data/", RecordedAnswers.Data3);
        using var client = new Neo4jClient(Neo4jConnectionString.Parse("http://localhost:7474", _ => null), handler);
        var server = await client.GetServerAsync(CancellationToken.None);

        // The server's own host name is replaced by the one we were given.
        Assert.Equal("http://localhost:7474/db/data/transaction/commit", server.CommitEndpoint.AbsoluteUri);
        Assert.Equal("3.5.35", server.Version);
        Assert.Equal("CREATE CONSTRAINT ON (n:`L`) ASSERT n.name IS UNIQUE", server.Dialect.UniqueNameConstraint("`L`"));
    }

    [Theory]
    [InlineData(RecordedAnswers.Deadlock, HttpStatusCode.OK, true, "Neo.TransientError.Transaction.DeadlockDetected")]
    [InlineData(RecordedAnswers.Unauthorized, HttpStatusCode.Unauthorized, true, "Neo.ClientError.Security.Unauthorized")]
    [InlineData(RecordedAnswers.SyntaxError, HttpStatusCode.OK, true, "Neo.ClientError.Statement.SyntaxError")]
    [InlineData(RecordedAnswers.ConstraintViolation, HttpStatusCode.OK, false, "Neo.ClientError.Schema.ConstraintValidationFailed")]
    [InlineData(RecordedAnswers.DatabaseNotFound, HttpStatusCode.OK, true, "Neo.ClientError.Database.DatabaseNotFound")]
    [InlineData("<html>bad gateway</html>", HttpStatusCode.BadGateway, true, null)]
    [InlineData("<html>forbidden by the proxy</html>", HttpStatusCode.Forbidden, true, null)]
    [InlineData("<html>bad request</html>", HttpStatusCode.BadRequest, true, null)]
    [InlineData("<html>too large</html>", HttpStatusCode.RequestEntityTooLarge, true, null)]
    [InlineData(RecordedAnswers.DiskFull, HttpStatusCode.OK, true, "Neo.DatabaseError.General.UnknownError")]
    [InlineData("""{"results": [], "errors": [{"code": "Neo.ClientError.Statement.TypeError", "message": "wrong type"}]}""", HttpStatusCode.OK, false, "Neo.ClientError.Statement.TypeError")]
    public async Task Errors_are_store_wide_unless_a_value_of_the_write_broke_a_rule(string body, HttpStatusCode status, bool transient, string? code)
    {
        var handler = new RecordedHandler()
            .Answer("GET", "/", RecordedAnswers.Root5)
            .Answer("POST", "/db/neo4j/tx/commit", body, status);
        using var client = new Neo4jClient(Neo4jConnectionString.Parse("http://db.example:7474", _ => null), handler);
        var e = await Assert.ThrowsAsync<Neo4jException>(() => client.CommitAsync([new CypherStatement("RETURN 1")], CancellationToken.None));
        Assert.Equal(transient, e.IsTransient);
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public async Task Refused_credentials_are_not_tried_again_for_a_while_so_Neo4j_does_not_keep_the_user_locked()
    {
        var handler = new RecordedHandler().Answer("GET", "/", RecordedAnswers.Unauthorized, HttpStatusCode.Unauthorized);
        using var client = new Neo4jClient(Neo4jConnectionString.Parse("http://neo4j:wrong@db.example:7474", _ => null), handler);

        var first = await Assert.ThrowsAsync<Neo4jException>(() => client.GetServerAsync(CancellationToken.None));
        var second = await Assert.ThrowsAsync<Neo4jException>(() => client.CommitAsync([new CypherStatement("RETURN 1")], CancellationToken.None));

        Assert.Equal("Neo.ClientError.Security.Unauthorized", first.Code);
        Assert.Equal(("Neo.ClientError.Security.Unauthorized", true), (second.Code, second.IsTransient));
        Assert.Contains("tried again at most every 10 s", second.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_database_name_on_a_3x_server_is_refused()
    {
        var handler = new RecordedHandler().Answer("GET", "/", RecordedAnswers.Root3);
        using var client = new Neo4jClient(Neo4jConnectionString.Parse("http://localhost:7474/other", _ => null), handler);
        var e = await Assert.ThrowsAsync<Neo4jException>(() => client.GetServerAsync(CancellationToken.None));
        Assert.Contains("single database", e.Message, StringComparison.Ordinal);
    }

    private static BatchPlan NodeOnlyPlan() =>
        new(Acme, 1, [new LabelNodes("Server", [new NodeUpsert("web-1", 10, null)])], []);
}
