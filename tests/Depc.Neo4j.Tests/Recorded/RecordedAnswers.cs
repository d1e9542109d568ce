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

    public const string NotALeader = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Cluster.NotALeader","message":"No write operations are allowed directly on this database. Writes must pass through the leader."}]}
        """;

    public const string ProcedureNotFound = """
        {"results":[],"errors":[{"code":"Neo.ClientError.Procedure.ProcedureNotFound","message":"There is no procedure with the name `dbms.cluster.overview` registered for this database instance."}]}
        """;

    /// <summary>A 3.x causal cluster's <c>GET /</c> and data document for one member (<c>host</c> with HTTP 7474, Bolt 7687).</summary>
    public static string Root3Of(string host) =>
        $$"""{"management":"http://{{host}}:7474/db/manage/","data":"http://{{host}}:7474/db/data/","bolt":"bolt://{{host}}:7687"}""";

    public static string Data3Of(string host) =>
        $$"""{"node":"http://{{host}}:7474/db/data/node","transaction":"http://{{host}}:7474/db/data/transaction","neo4j_version":"3.5.35"}""";

    /// <summary><c>CALL dbms.cluster.overview()</c> on 3.5 (<c>id, addresses, role, groups, database</c>), the leader on <c>leader</c>.</summary>
    public static string Overview3(string leader, params string[] followers) =>
        "{\"results\":[{\"columns\":[\"id\",\"addresses\",\"role\",\"groups\",\"database\"],\"data\":["
        + string.Join(",", new[] { (leader, "LEADER") }.Concat(followers.Select(f => (f, "FOLLOWER"))).Select((m, i) =>
            $$"""{"row":["id-{{i}}",["bolt://{{m.Item1}}:7687","http://{{m.Item1}}:7474","https://{{m.Item1}}:7473"],"{{m.Item2}}",[],"default"]}"""))
        + "]}],\"errors\":[]}";

    /// <summary><c>CALL dbms.cluster.overview()</c> on 4.4: a role per database.</summary>
    public const string Overview4 = """
        {"results":[{"columns":["id","addresses","databases","groups"],"data":[
        {"row":["a1",["bolt://a:7687","http://a:7474"],{"neo4j":"FOLLOWER","system":"LEADER"},[]]},
        {"row":["b1",["bolt://b:7687","http://b:7474"],{"neo4j":"LEADER","system":"FOLLOWER"},[]]},
        {"row":["c1",["bolt://c:7687","http://c:7474"],{"neo4j":"FOLLOWER","system":"FOLLOWER"},[]]}]}],"errors":[]}
        """;

    /// <summary><c>SHOW DATABASES YIELD name, address, role, writer</c> on 5.x: one row per database and server, Bolt addresses.</summary>
    public const string ShowDatabases5 = """
        {"results":[{"columns":["name","address","role","writer"],"data":[
        {"row":["neo4j","a:7687","primary",false]},{"row":["neo4j","b:7687","primary",false]},{"row":["neo4j","c:7687","primary",true]},
        {"row":["system","a:7687","primary",true]},{"row":["system","b:7687","primary",false]},{"row":["system","c:7687","primary",false]}]}],"errors":[]}
        """;

    /// <summary><c>GET /</c> of a 5.x cluster member.</summary>
    public static string Root5Of(string host) =>
        $$"""{"bolt_routing":"neo4j://{{host}}:7687","transaction":"http://{{host}}:7474/db/{databaseName}/tx","bolt_direct":"bolt://{{host}}:7687","neo4j_version":"5.26.0","neo4j_edition":"enterprise"}""";
}
