namespace Depc.Core.Storage;

/// <summary>
/// Whether store writes currently fail store-wide, shared by every input (Kafka, HTTP) of a process: <c>/health/ready</c>
/// fails while they do, from the first failure to the next write that succeeds. Thread-safe.
/// </summary>
public sealed class StoreHealth
{
    private State? _failing;

    public bool IsHealthy => Volatile.Read(ref _failing) is null;

    /// <summary>Since when writes fail and the latest reason; null while healthy.</summary>
    public (DateTimeOffset Since, string Reason)? Failure => Volatile.Read(ref _failing) is { } s ? (s.Since, s.Reason) : null;

    public void Failed(string reason, DateTimeOffset at)
    {
        var since = Volatile.Read(ref _failing)?.Since ?? at;
        Volatile.Write(ref _failing, new State(since, reason));
    }

    public void Recovered() => Volatile.Write(ref _failing, null);

    private sealed record State(DateTimeOffset Since, string Reason);
}
