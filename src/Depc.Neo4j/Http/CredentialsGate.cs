namespace Depc.Neo4j.Http;

/// <summary>
/// Neo4j locks a user for 5 s after 3 failed logins and counts again from 3 until one succeeds: a Depc whose password
/// is wrong (changed by an operator) and that kept asking would keep the user locked for everyone, the operator fixing
/// it included. Once the credentials are refused, no request leaves for <see cref="Pause"/> (longer than the lock):
/// each fails here, store-wide as the refusal was, so the user is free most of the time and Depc still notices the
/// fix within the pause.
/// </summary>
internal sealed class CredentialsGate
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

    private Neo4jException? _refusal;
    private long _pausedUntil;

    /// <summary>Throws the last refusal while the pause after it lasts.</summary>
    public void ThrowIfPaused()
    {
        if (Volatile.Read(ref _refusal) is { } refusal && Environment.TickCount64 < Interlocked.Read(ref _pausedUntil))
        {
            throw new Neo4jException(
                refusal.Code,
                $"the credentials were refused ({refusal.Message}); they are tried again at most every {Pause.TotalSeconds:0} s, so that Neo4j does not keep the user locked",
                isTransient: true);
        }
    }

    /// <summary>Starts a pause when <paramref name="failure"/> refused the credentials.</summary>
    public void Observe(Neo4jException failure)
    {
        if (failure.Code is "Neo.ClientError.Security.Unauthorized" or "Neo.ClientError.Security.AuthenticationRateLimit")
        {
            Volatile.Write(ref _refusal, failure);
            Interlocked.Exchange(ref _pausedUntil, Environment.TickCount64 + (long)Pause.TotalMilliseconds);
        }
    }
}
