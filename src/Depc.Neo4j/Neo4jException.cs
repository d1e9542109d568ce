using Depc.Core.Storage;

namespace Depc.Neo4j;

/// <summary>
/// A failure of the Neo4j server or of the way to it. <see cref="StoreException.IsTransient"/> is true for
/// <c>Neo.TransientError.*</c>, connection failures, timeouts and 5xx answers: the same write may succeed later.
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

    /// <summary>Whether a Neo4j status code means "try again": only the <c>TransientError</c> class, plus a transaction lost to a restart.</summary>
    public static bool IsTransientCode(string code) =>
        code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)
        // An open transaction vanishes when the server restarts: the whole batch can be written again.
        || code == "Neo.ClientError.Transaction.TransactionNotFound";

    public static Neo4jException FromCode(string code, string message) => new(code, message, IsTransientCode(code));
}
