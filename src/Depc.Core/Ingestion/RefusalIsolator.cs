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
        if (plan.MessageCount > 0)
        {
            Task<StoreException?> Probe(int start, int count) =>
                ProbeAsync(store, retry, PlanSlicer.Keep(plan, [.. Enumerable.Range(start, count)]), cancellationToken);
            await BisectAsync(0, plan.MessageCount, refusal, Probe, refused).ConfigureAwait(false);
        }

        return plan.MessageCount > 1 && refused.Count == plan.MessageCount ? new SortedDictionary<int, string>() : refused;
    }

    /// <summary>
    /// Messages [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) by halves: a range is
    /// attempted (unless <paramref name="failure"/> says how it fails already), and a refused one is cut again until a
    /// single message is refused alone, which goes into <paramref name="refused"/>. The attempt decides what becomes of
    /// a range that passes: probed and rolled back here, applied in a bulk load's shared transaction (<see cref="BulkIngest"/>).
    /// </summary>
    internal static async Task BisectAsync(
        int start, int count, StoreException? failure, Func<int, int, Task<StoreException?>> attempt, SortedDictionary<int, string> refused)
    {
        failure ??= await attempt(start, count).ConfigureAwait(false);
        if (failure is null)
        {
            return;
        }

        if (count == 1)
        {
            refused[start] = "$ was refused by the store: " + failure.Message;
            return;
        }

        await BisectAsync(start, count / 2, null, attempt, refused).ConfigureAwait(false);
        await BisectAsync(start + (count / 2), count - (count / 2), null, attempt, refused).ConfigureAwait(false);
    }

    // The plan applied and rolled back, store-wide failures retried meanwhile: null, or how the store refuses it.
    private static async Task<StoreException?> ProbeAsync(IGraphStore store, StoreRetry retry, BatchPlan part, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync(part.Team, async t =>
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
