namespace Depc.Core.Storage;

/// <summary>
/// A store failure. <see cref="IsTransient"/> tells the retry policy whether the same write may
/// succeed later (server down, timeout, lock) or never will (bad query, constraint).
/// </summary>
public class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public StoreException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException) => IsTransient = isTransient;

    public bool IsTransient { get; }
}
