using Depc.Core.Naming;
using Depc.Core.Planning;
using Depc.Core.Storage;

namespace Depc.Core.Ingestion;

/// <summary>
/// Finds the messages of a plan the store refuses because of their content, by halves: each half is probed
/// (<see cref="IGraphStore.ProbeAsync"/>: applied, then rolled back) until single messages remain. Probes never
/// commit, so the write that follows still carries every position and count of the batch in one transaction.
/// Only for a <see cref="StoreException.IsMessageCaused"/> failure; store-wide ones are retried meanwhile.
/// </summary>
public static class RefusalIsolator
{
    /// <returns>
    /// The refused messages (plan positions) and why; empty when no message alone is refused, or when every message of
    /// several is: a store that refuses everything is failing, not judging values (a bug, a broken schema).
    /// </returns>
    public static async Task<IReadOnlyDictionary<int, string>> FindAsync(
        IGraphStore store, StoreRetry retry, BatchPlan plan, StoreException refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(refusal);
        var refused = new SortedDictionary<int, string>();
        var probe = new Probe(store, retry, plan, refused, cancellationToken);
        if (plan.MessageCount > 0)
        {
            await probe.VisitAsync(0, plan.MessageCount, refusal).ConfigureAwait(false);
        }

        return plan.MessageCount > 1 && refused.Count == plan.MessageCount ? new SortedDictionary<int, string>() : refused;
    }

    /// <summary>Why a message the store refused alone is rejected.</summary>
    internal static string Reason(StoreException refusal) => "$ was refused by the store: " + refusal.Message;

    private sealed class Probe(IGraphStore store, StoreRetry retry, BatchPlan plan, SortedDictionary<int, string> refused, CancellationToken cancellationToken)
    {
        private TeamName Team => plan.Team;

        /// <param name="failure">How the range is known to fail, or null when it is not known yet.</param>
        public async Task VisitAsync(int start, int count, StoreException? failure)
        {
            if (failure is null)
            {
                var range = Enumerable.Range(start, count).ToList();
                failure = await TryAsync(PlanSlicer.Keep(plan, range)).ConfigureAwait(false);
                if (failure is null)
                {
                    return;
                }
            }

            if (count == 1)
            {
                refused[start] = Reason(failure);
                return;
            }

            await VisitAsync(start, count / 2, null).ConfigureAwait(false);
            await VisitAsync(start + (count / 2), count - (count / 2), null).ConfigureAwait(false);
        }

        private async Task<StoreException?> TryAsync(BatchPlan part)
        {
            try
            {
                await retry.RunAsync(Team, async t =>
                {
                    await store.ProbeAsync(part, t).ConfigureAwait(false);
                    return 0;
                }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (StoreException e) when (e.IsMessageCaused)
            {
                return e;
            }
        }
    }
}
