using Depc.Core.Ingestion;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Writes a store write in one transaction and two requests: (1) lock and read the write's positions and idempotency
/// key (<see cref="LedgerLocks"/>: a fenced or replayed write is rolled back here), node upserts, then lock and read
/// every relationship of the batch; the period table runs here, on the stored states; (2) the final states, the
/// counts, positions and key (<see cref="LedgerStatements.Commit"/>), and commit. A probe runs the same and rolls back.
/// </summary>
internal sealed class BatchWriter(Neo4jClient client, ConstraintKeeper constraints, LedgerSchema ledger)
{
    private const int Attempts = 10;

    public async Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(write, probe: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Neo4jException e) when (attempt < Attempts && IsRaceOfWriters(e.Code))
            {
                // The transaction was rolled back: running it again is safe. A random pause parts the racers.
                await Task.Delay(Random.Shared.Next(10, 50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Failures this store's own design provokes between concurrent writers: a constraint created for a new label
    /// while another batch is open (3.x refuses to commit it), or two batches locking shared relationships in
    /// different orders. Other transient errors go to the caller's retry policy.
    /// </summary>
    private static bool IsRaceOfWriters(string? code) =>
        code is "Neo.TransientError.Transaction.ConstraintsChanged" or "Neo.TransientError.Transaction.DeadlockDetected";

    /// <summary>Runs the plan's writes in a transaction and rolls it back: throws what writing it would throw.</summary>
    public Task ProbeAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var sources = Enumerable.Range(0, plan.MessageCount).Select(i => new RawMessage(ReadOnlyMemory<byte>.Empty, MessageOrigin.InBatch(i), 0)).ToList();
        return WriteOnceAsync(new StoreWrite(new PlannedBatch(plan, sources, []), 0), probe: true, cancellationToken);
    }

    private async Task<WriteOutcome> WriteOnceAsync(StoreWrite write, bool probe, CancellationToken cancellationToken)
    {
        var plan = write.Batch.Plan;
        var labels = plan.Nodes.Select(g => g.Label)
            .Concat(plan.Relationships.SelectMany(g => new[] { g.SourceLabel, g.TargetLabel }))
            .Distinct(StringComparer.Ordinal);
        await constraints.EnsureAsync(plan.Team, labels, cancellationToken).ConfigureAwait(false);
        await ledger.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var locks = new LedgerLocks(write);
        var first = locks.Statements().ToList();
        var mustRead = first.Count > 0 || plan.Relationships.Count > 0 || probe;
        first.AddRange(plan.Nodes.Select(g => WriteStatements.Nodes(plan.Team, g)));
        if (!mustRead)
        {
            // Nothing to read first (no relationship, position or key): every message is accepted, one request commits all.
            var result = new BatchResult(outcomes, rejections);
            var completed = write.Complete(result);
            first.AddRange(LedgerStatements.Commit(write, completed));
            if (first.Count > 0)
            {
                await client.CommitAsync(first, cancellationToken).ConfigureAwait(false);
            }

            return WriteOutcome.Written(write, completed.Report, result);
        }

        var stored = plan.Relationships.Select(g => new StoredRelationship?[g.Relationships.Count]).ToArray();
        for (var g = 0; g < plan.Relationships.Count; g++)
        {
            first.Add(WriteStatements.LockAndRead(plan.Team, plan.Relationships[g], stored[g]));
        }

        var transaction = await client.BeginAsync(first, cancellationToken).ConfigureAwait(false);
        try
        {
            if (locks.Refusal() is { } refusal)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                return refusal;
            }

            var second = Resolve(plan, stored, outcomes, rejections);
            rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
            var result = new BatchResult(outcomes, rejections);
            if (probe)
            {
                await transaction.RunAsync(second, cancellationToken).ConfigureAwait(false);
                await transaction.RollbackAsync().ConfigureAwait(false);
                return WriteOutcome.Written(write, IngestReport.Empty, result);
            }

            var completed = write.Complete(result);
            second.AddRange(LedgerStatements.Commit(write, completed));
            await transaction.CommitAsync(second, cancellationToken).ConfigureAwait(false);
            return WriteOutcome.Written(write, completed.Report, result);
        }
        catch
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The period table on the locked states; the statements that write the final states and drop unused locks.
    private static List<CypherStatement> Resolve(BatchPlan plan, StoredRelationship?[][] stored, MessageOutcome[] outcomes, List<EventRejection> rejections)
    {
        var changes = new List<(long Id, RelationshipState State)>();
        var unused = new List<long>();
        for (var g = 0; g < plan.Relationships.Count; g++)
        {
            var group = plan.Relationships[g];
            for (var i = 0; i < group.Relationships.Count; i++)
            {
                var current = stored[g][i] ?? throw new Neo4jException(
                    null, $"relationship {group.Relationships[i].SourceName} -> {group.Relationships[i].TargetName} was not locked", isTransient: true);
                var final = RelationshipResolver.Resolve(current.State, group.Relationships[i].Events, outcomes, rejections);
                if (final is not null)
                {
                    changes.Add((current.Id, final));
                }
                else if (current.Created)
                {
                    unused.Add(current.Id);
                }
            }
        }

        var second = new List<CypherStatement>(4);
        if (changes.Count > 0)
        {
            second.Add(WriteStatements.WriteStates(changes));
        }

        if (unused.Count > 0)
        {
            second.Add(WriteStatements.DeleteUnused(unused));
        }

        return second;
    }
}
