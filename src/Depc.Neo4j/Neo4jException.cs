using Depc.Core.Storage;

namespace Depc.Neo4j;

/// <summary>
/// A failure of the Neo4j server or of the way to it. <see cref="StoreException.IsTransient"/> is true when the
/// same write may succeed later: <c>Neo.TransientError.*</c>, connection failures, timeouts, 5xx answers, and
/// failures of the whole store rather than of a write (refused credentials, a missing or read-only database,
/// a follower asked to write), which an operator or the cluster fixes. Treating those as permanent would
/// make the Kafka consumer reject every message of a batch and commit past them.
/// </summary>
public sealed class Neo4jException : StoreException
{
    public Neo4jException()
    {
    }

    public Neo4jException(string message)
        : base(message)
    {
    }

    public Neo4jException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public Neo4jException(string? code, string message, bool isTransient, Exception? innerException = null)
        : base(code is null ? message : $"{code}: {message}", isTransient, innerException) => Code = code;

    /// <summary>The Neo4j status code (<c>Neo.ClientError.Statement.SyntaxError</c>), null when the server gave none.</summary>
    public string? Code { get; }

    /// <summary>Whether a Neo4j status code means "try again": the <c>TransientError</c> class and the store-wide client errors.</summary>
    public static bool IsTransientCode(string code) =>
        code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)
        || code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal)
        || code is
            // An open transaction vanishes when the server restarts: the whole batch can be written again.
            "Neo.ClientError.Transaction.TransactionNotFound"
            or "Neo.ClientError.Database.DatabaseNotFound"
            or "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase"
            or "Neo.ClientError.Cluster.NotALeader";

    /// <summary>The member asked to write does not take writes (a follower, or a database that is read-only there).</summary>
    public static bool MeansNotWriter(string? code) =>
        code is "Neo.ClientError.Cluster.NotALeader" or "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase";

    /// <summary>An HTTP failure without a Neo4j error document: the server, a proxy or the address is wrong, not the write.</summary>
    public static bool IsTransientStatus(System.Net.HttpStatusCode status) =>
        (int)status >= 500
        || status is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound
            or System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests;

    public static Neo4jException FromCode(string code, string message) => new(code, message, IsTransientCode(code));
}
