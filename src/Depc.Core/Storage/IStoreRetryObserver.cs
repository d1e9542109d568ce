using Depc.Core.Naming;

namespace Depc.Core.Storage;

/// <summary>Told of every retried store-wide failure and of the write that succeeds after them (the callers log them).</summary>
public interface IStoreRetryObserver
{
    void Retrying(TeamName team, int attempt, TimeSpan delay, StoreException failure);

    void Recovered(TeamName team, int failures);
}
