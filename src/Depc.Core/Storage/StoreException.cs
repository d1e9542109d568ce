namespace Depc.Core.Storage;

/// <summary>
/// A store failure, of one of two kinds (SPEC §5). <see cref="IsMessageCaused"/>: the content of the write caused it
/// (a constraint on a name, a value the store refuses): the ingestion seam isolates and rejects the message responsible,
/// and only then. Otherwise it is store-wide (<see cref="IsTransient"/>: down, timeout, lock, read-only, corrupt or
/// full file, refused credentials, a server error, an answer that is not the API's): no message could have caused it,
/// so the write is retried with backoff until the store comes back, and nothing is rejected meanwhile. A store that
/// cannot tell says store-wide: retrying wrongly delays a batch, rejecting wrongly loses it.
/// </summary>
public class StoreException : Exception
{
    public StoreException()
        : this("the store failed", isTransient: true)
    {
    }

    public StoreException(string message)
        : this(message, isTransient: true)
    {
    }

    public StoreException(string message, Exception? innerException)
        : this(message, isTransient: true, innerException)
    {
    }

    /// <param name="isTransient">True: store-wide, retried; false: caused by the write's content.</param>
    public StoreException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    /// <summary>Store-wide: the same write may succeed once the store is back; retried, never turned into rejections.</summary>
    public bool IsTransient { get; }

    /// <summary>Caused by the write's content: the one kind the ingestion seam may isolate and reject.</summary>
    public bool IsMessageCaused => !IsTransient;

    public static StoreException StoreWide(string message, Exception? innerException = null) => new(message, isTransient: true, innerException);

    public static StoreException MessageCaused(string message, Exception? innerException = null) => new(message, isTransient: false, innerException);
}
