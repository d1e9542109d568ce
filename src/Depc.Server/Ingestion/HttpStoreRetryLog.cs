using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Server.Ingestion;

/// <summary>Logs the HTTP path's brief retries of store-wide failures, before the client is answered 503.</summary>
internal sealed class HttpStoreRetryLog(ILogger logger) : IStoreRetryObserver
{
    public void Retrying(TeamName team, int attempt, TimeSpan delay, StoreException failure) =>
        Log.HttpWriteRetry(logger, failure, team.Value, attempt, delay.TotalMilliseconds);

    public void Recovered(TeamName team, int failures) => Log.HttpStoreRecovered(logger, team.Value, failures);
}
