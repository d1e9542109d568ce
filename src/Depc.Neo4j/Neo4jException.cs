using Depc.Core.Storage;

namespace Depc.Neo4j;

/// <summary>
/// A failure of the Neo4j server or of the way to it. It is message-caused (<see cref="StoreException.IsMessageCaused"/>)
/// only when the server says a value of the write broke a rule (<see cref="IsMessageCausedCode"/>: a uniqueness
/// constraint, an argument or type it refuses). Everything else is store-wide and retried until fixed: transient
/// errors, refused credentials (a changed password), a missing or read-only database, a follower asked to write, a
/// full disk or any other <c>DatabaseError</c>, a lost transaction, connection failures, timeouts, HTTP errors and
/// answers that are not the API's JSON. Rejecting on those would turn an outage into lost messages.
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

    /// <summary>The Neo4j status code (<c>Neo.ClientError.Schema.ConstraintValidationFailed</c>), null when the server gave none.</summary>
    public string? Code { get; }

    /// <summary>Whether a Neo4j status code blames a value of the write, not the store.</summary>
    public static bool IsMessageCausedCode(string code) =>
        code is "Neo.ClientError.Schema.ConstraintValidationFailed"
            or "Neo.ClientError.Statement.ArgumentError"
            or "Neo.ClientError.Statement.TypeError";

    /// <summary>The member asked to write does not take writes (a follower, or a database that is read-only there).</summary>
    public static bool MeansNotWriter(string? code) =>
        code is "Neo.ClientError.Cluster.NotALeader" or "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase";

    public static Neo4jException FromCode(string code, string message) => new(code, message, isTransient: !IsMessageCausedCode(code));
}
