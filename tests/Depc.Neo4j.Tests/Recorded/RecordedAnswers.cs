namespace Depc.Neo4j.Tests.Recorded;

/// <summary>
/// <c>GET /</c> answers of Neo4j servers that do not run here, in the shape the HTTP API manual documents
/// (4.x and 5.x: a <c>transaction</c> URL template and <c>neo4j_version</c>; 3.x: a <c>data</c> URL).
/// </summary>
internal static class RecordedAnswers
{
    public const string Root5 = """
        {"bolt_routing":"neo4j://db.example:7687","transaction":"http://db.example:7474/db/{databaseName}/tx","bolt_direct":"bolt://db.example:7687","neo4j_version":"5.26.0","neo4j_edition":"community"}
        """;

    public const string Root4 = """
        {"bolt_routing":"neo4j://db.example:7687","transaction":"http://db.example:7474/db/{databaseName}/tx","bolt_direct":"bolt://db.example:7687","neo4j_version":"4.4.30","neo4j_edition":"enterprise"}
        """;

    public const string Root3 = """
        {"management":"http://db.example:7474/db/manage/","data":"http://db.example:7474/db/data/","bolt":"bolt://db.example:7687"}
        """;

    public const string Data3 = """
        {"extensions":{},"node":"http://db.example:7474/db/data/node","relationship":"http://db.example:7474/db/data/relationship","transaction":"http://db.example:7474/db/data/transaction","neo4j_version":"3.5.35"}
        """;

    public const string EmptyResult = """{"results":[{"columns":[],"data":[]}],"errors":[]}""";

    public const string EquivalentConstraint = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists","message":"An equivalent constraint already exists"}]}
        """;

    public const string Deadlock = """
        {"results":[],"errors":[{"code":"Neo.TransientError.Transaction.DeadlockDetected","message":"ForsetiClient can't acquire ExclusiveLock"}]}
        """;

    public const string Unauthorized = """
        {"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"Invalid username or password."}]}
        """;

    public const string SyntaxError = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Statement.SyntaxError","message":"Invalid input 'T'"}]}
        """;

    public const string ConstraintViolation = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Schema.ConstraintValidationFailed","message":"Node(1) already exists with label `t_A` and property `name` = 'x'"}]}
        """;

    public const string DatabaseNotFound = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Database.DatabaseNotFound","message":"Database does not exist. Database name: 'other'."}]}
        """;

    /// <summary>What 3.x says when the disk under the store fills up (a <c>DatabaseError</c>: the store's, not a message's).</summary>
    public const string DiskFull = """
        {"results":[],"errors":[{"code":"Neo.DatabaseError.General.UnknownError","message":"No space left on device"}]}
        """;
}
