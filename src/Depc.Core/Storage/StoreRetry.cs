using Polly;
using Polly.Retry;

namespace Depc.Core.Storage;

/// <summary>
/// Retries of a store write after a transient <see cref="StoreException"/>, the one layer where writes are retried
/// (stores do not retry themselves): a failed write was rolled back, so running it again is safe. Exponential,
/// jittered backoff; the races between writers (a deadlock, a constraint created meanwhile) and a Neo4j leader
/// change clear within a few attempts.
/// </summary>
public static class StoreRetry
{
    public static bool IsTransient(Exception exception) => exception is StoreException { IsTransient: true };

    /// <param name="attempts">Retries after the first try; <see cref="int.MaxValue"/> for "until cancelled".</param>
    public static ResiliencePipeline Create(
        int attempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StoreException>(static e => e.IsTransient),
                MaxRetryAttempts = attempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
                OnRetry = onRetry,
            })
            .Build();
}
