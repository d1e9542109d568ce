using Depc.Core.Ingestion;
using Depc.Core.Naming;
using Depc.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Depc.Kafka.Consuming;

/// <summary>Logs the ingestion seam's retries of store-wide failures and the recovery after them.</summary>
internal sealed class StoreRetryLog(ILogger logger) : IStoreRetryObserver
{
    public void Retrying(TeamName team, int attempt, TimeSpan delay, StoreException failure) =>
        Log.StoreWideFailure(logger, failure, team.Value, attempt, failure.Message, delay.TotalMilliseconds);

    public void Recovered(TeamName team, int failures) => Log.StoreRecovered(logger, team.Value, failures);
}
