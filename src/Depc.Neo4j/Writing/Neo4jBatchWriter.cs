using Depc.Core.Changes;
using Depc.Core.Ingestion;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Writes a store write (a batch plan and its ledger) in ONE transaction of at most three requests:
/// <list type="number">
/// <item><b>lock</b> (opens the transaction): the write's idempotency key and Kafka positions locked and read first
/// (<see cref="LedgerLocks"/>: a key seen before replays its answer, a position past a claim fences the write, and the
/// transaction is rolled back), then every node upserted and write-locked, its id returned;</item>
/// <item><b>read</b> (only when needed): the stored relationships between nodes that existed before: a
/// relationship touching a node this transaction created cannot exist yet, so it is not looked for;</item>
/// <item><b>write and commit</b>: the period table has run here on the stored states; new relationships are
/// created (no MERGE: the plan knows they are new), changed ones set by id, the change-index entries of the
/// boundaries they gained (<see cref="ChangeStatements"/>), and the team's counts, the positions and the key's answer
/// (<see cref="LedgerStatements.Commit"/>) are written with them.</item>
/// </list>
/// A probe runs the same and rolls back. Failures propagate as <see cref="Neo4jException"/>: the races between
/// writers (a deadlock, a constraint created meanwhile) are store-wide and the ingestion seam's retry runs the whole
/// write again, which is safe since the server rolled it back.
/// </summary>
internal sealed class Neo4jBatchWriter(Neo4jClient client, ConstraintKeeper constraints, LedgerSchema ledger)
{
    public Task<WriteOutcome> WriteAsync(StoreWrite write, CancellationToken cancellationToken) => WriteOnceAsync(write, probe: false, cancellationToken);

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
        await constraints.EnsureAsync(plan.Team, labels, withChanges: plan.Relationships.Count > 0, cancellationToken).ConfigureAwait(false);
        await ledger.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var ids = new NodeIds(plan.Nodes);
        var locks = new LedgerLocks(write);
        var lockRequest = locks.Statements().ToList();
        lockRequest.AddRange(NodeStatements.GroupsInLockOrder(plan.Nodes).Select(g => NodeStatements.Upsert(plan.Team, plan.Nodes[g], g, ids)));
        if (plan.Relationships.Count == 0 && !locks.MustRead && !probe)
        {
            // Nothing to read first: every message is accepted, and one request writes and commits it all.
            var result = new BatchResult(outcomes, rejections);
            var completed = write.Complete(result);
            lockRequest.AddRange(LedgerStatements.Commit(write, completed));
            if (lockRequest.Count > 0)
            {
                await client.CommitAsync(lockRequest, cancellationToken).ConfigureAwait(false);
            }

            return WriteOutcome.Written(write, completed.Report, result);
        }

        if (lockRequest.Count == 0)
        {
            return WriteOutcome.Written(write, IngestReport.Empty, new BatchResult(outcomes, rejections));
        }

        var transaction = await client.BeginAsync(lockRequest, cancellationToken).ConfigureAwait(false);
        try
        {
            if (locks.Refusal() is { } refusal)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                return refusal;
            }

            var pairs = new RelationshipPairs(plan, ids);
            var stored = new StoredRelationship?[pairs.Count];
            if (pairs.BetweenOldNodes() is { Count: > 0 } toRead)
            {
                await transaction.RunAsync([RelationshipStatements.Read(toRead, stored)], cancellationToken).ConfigureAwait(false);
            }

            long trimmed = 0;
            var commitRequest = Resolve(plan, pairs, stored, outcomes, rejections, ref trimmed);
            rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
            var result = new BatchResult(outcomes, rejections) { TrimmedPeriods = trimmed };
            if (probe)
            {
                if (commitRequest.Count > 0)
                {
                    await transaction.RunAsync(commitRequest, cancellationToken).ConfigureAwait(false);
                }

                await transaction.RollbackAsync().ConfigureAwait(false);
                return WriteOutcome.Written(write, IngestReport.Empty, result);
            }

            var completed = write.Complete(result);
            commitRequest.AddRange(LedgerStatements.Commit(write, completed));
            await transaction.CommitAsync(commitRequest, cancellationToken).ConfigureAwait(false);
            return WriteOutcome.Written(write, completed.Report, result);
        }
        catch
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs each relationship's events from its stored state; returns the statements that write the changes and their change-index entries.</summary>
    private static List<CypherStatement> Resolve(
        BatchPlan plan, RelationshipPairs pairs, StoredRelationship?[] stored, MessageOutcome[] outcomes, List<EventRejection> rejections, ref long trimmed)
    {
        var created = new List<(long Source, long Target, RelationshipState State)>();
        var changed = new List<(long Id, RelationshipState State)>();
        var index = new ChangeRecorder<(long Source, long Target)>();
        var key = 0;
        foreach (var group in plan.Relationships)
        {
            foreach (var relationship in group.Relationships)
            {
                var current = stored[key];
                var final = RelationshipResolver.Resolve(current?.State, relationship.Events, outcomes, rejections, plan.MaxPeriods, ref trimmed);
                if (final is not null)
                {
                    index.Relationship((pairs.Source(key), pairs.Target(key)), current?.State, final);
                    if (current is { Id: var id })
                    {
                        changed.Add((id, final));
                    }
                    else
                    {
                        created.Add((pairs.Source(key), pairs.Target(key), final));
                    }
                }

                key++;
            }
        }

        var statements = new List<CypherStatement>(7);
        if (created.Count > 0)
        {
            statements.Add(RelationshipStatements.Create(created));
        }

        if (changed.Count > 0)
        {
            statements.Add(RelationshipStatements.Update(changed));
        }

        if (index.Count > 0)
        {
            statements.Add(ChangeStatements.Create(plan.Team, index));
        }

        return statements;
    }
}
