using Depc.Core.Storage;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Depc.Kafka.Retrying;

/// <summary>
/// Retries a store write forever on a transient <see cref="StoreException"/>, with capped
/// exponential, jittered backoff: a batch is never skipped while the store is away (SPEC §5).
/// Cancellation (shutdown, revocation) is the only way out.
/// </summary>
internal static class StoreRetryPolicy
{
    public static readonly ResiliencePropertyKey<string> TeamKey = new("depc.team");

    public static ResiliencePipeline Create(TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StoreException>(static e => e.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = maxDelay,
                OnRetry = args =>
                {
                    var team = args.Context.Properties.GetValue(TeamKey, "?");
                    Log.StoreRetry(logger, args.Outcome.Exception, team, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();

    public static bool IsTransient(Exception e) => e is StoreException { IsTransient: true };
}
