using Depc.Core.Naming;
using Polly;
using Polly.Retry;

namespace Depc.Core.Storage;

/// <summary>
/// The one retry layer of store writes (Polly): a store-wide <see cref="StoreException"/> is retried with capped,
/// jittered exponential backoff, up to <see cref="StoreRetryOptions.Attempts"/> (Kafka: forever, so a batch is never
/// skipped while the store is away; HTTP: a few, then the client is told to retry). Every failure and the recovery
/// after it go to the shared <see cref="StoreHealth"/> (readiness) and to the observer (logs).
/// </summary>
public sealed class StoreRetry
{
    private static readonly ResiliencePropertyKey<TeamName> TeamKey = new("depc.team");

    private readonly ResiliencePipeline _pipeline;
    private readonly StoreHealth _health;
    private readonly TimeProvider _time;
    private readonly IStoreRetryObserver? _observer;

    public StoreRetry(StoreRetryOptions options, TimeProvider time, StoreHealth health, IStoreRetryObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_time, _health, _observer) = (time, health, observer);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.Attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StoreException>(static e => e.IsTransient),
                MaxRetryAttempts = options.Attempts == int.MaxValue ? int.MaxValue : options.Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    var team = args.Context.Properties.GetValue(TeamKey, default);
                    _observer?.Retrying(team, args.AttemptNumber + 1, args.RetryDelay, (StoreException)args.Outcome.Exception!);
                    return default;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>No retry: the first store-wide failure is the caller's (still recorded in <see cref="StoreHealth"/>).</summary>
    public static StoreRetry Once(TimeProvider time, StoreHealth health) => new(new StoreRetryOptions { Attempts = 1 }, time, health);

    public async Task<T> RunAsync<T>(TeamName team, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TeamKey, team);
        var failures = 0;
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        return await state.action(ctx.CancellationToken).ConfigureAwait(false);
                    }
                    catch (StoreException e) when (e.IsTransient)
                    {
                        failures++;
                        state.self._health.Failed(e.Message, state.self._time.GetUtcNow());
                        throw;
                    }
                },
                context,
                (action, self: this)).ConfigureAwait(false);
            if (failures > 0 || !_health.IsHealthy)
            {
                _health.Recovered();
                if (failures > 0)
                {
                    _observer?.Recovered(team, failures);
                }
            }

            return result;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
