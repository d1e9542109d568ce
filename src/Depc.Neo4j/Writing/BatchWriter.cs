using Depc.Core.Changes;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Writes a batch plan in ONE transaction of at most three requests:
/// <list type="number">
/// <item><b>lock</b> (opens the transaction): every node upserted and write-locked, its id returned;</item>
/// <item><b>read</b> (only when needed): the stored relationships between nodes that existed before: a
/// relationship touching a node this transaction created cannot exist yet, so it is not looked for;</item>
/// <item><b>write and commit</b>: the period table has run here on the stored states; new relationships are
/// created (no MERGE: the plan knows they are new), changed ones set by id, and the change-index entries of the
/// boundaries they gained (<see cref="ChangeStatements"/>) created with them.</item>
/// </list>
/// Statements that must share the batch's transaction join the lock request (to lock and read before anything is
/// decided) or the commit request (to be written with the batch). Failures propagate as <see cref="Neo4jException"/>:
/// the races between writers (a deadlock, a constraint created meanwhile) are transient and the caller's retry
/// policy runs the whole batch again, which is safe since the server rolled it back.
/// </summary>
internal sealed class BatchWriter(Neo4jClient client, ConstraintKeeper constraints)
{
    public async Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var labels = plan.Nodes.Select(g => g.Label)
            .Concat(plan.Relationships.SelectMany(g => new[] { g.SourceLabel, g.TargetLabel }))
            .Distinct(StringComparer.Ordinal);
        await constraints.EnsureAsync(plan.Team, labels, cancellationToken).ConfigureAwait(false);

        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var ids = new NodeIds(plan.Nodes);
        var lockRequest = NodeStatements.GroupsInLockOrder(plan.Nodes).Select(g => NodeStatements.Upsert(plan.Team, plan.Nodes[g], g, ids)).ToList();
        if (plan.Relationships.Count == 0)
        {
            if (lockRequest.Count > 0)
            {
                await client.CommitAsync(lockRequest, cancellationToken).ConfigureAwait(false);
            }

            return new BatchResult(outcomes, rejections);
        }

        await constraints.EnsureChangesAsync(plan.Team, cancellationToken).ConfigureAwait(false);
        var transaction = await client.BeginAsync(lockRequest, cancellationToken).ConfigureAwait(false);
        try
        {
            var pairs = new RelationshipPairs(plan, ids);
            var stored = new StoredRelationship?[pairs.Count];
            if (pairs.BetweenOldNodes() is { Count: > 0 } toRead)
            {
                await transaction.RunAsync([RelationshipStatements.Read(toRead, stored)], cancellationToken).ConfigureAwait(false);
            }

            var commitRequest = Resolve(plan, pairs, stored, outcomes, rejections);
            await transaction.CommitAsync(commitRequest, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            throw;
        }

        rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
        return new BatchResult(outcomes, rejections);
    }

    /// <summary>Runs each relationship's events from its stored state; returns the statements that write the changes and their change-index entries.</summary>
    private static List<CypherStatement> Resolve(
        BatchPlan plan, RelationshipPairs pairs, StoredRelationship?[] stored, MessageOutcome[] outcomes, List<EventRejection> rejections)
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
                var final = RelationshipResolver.Resolve(current?.State, relationship.Events, outcomes, rejections);
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

        var statements = new List<CypherStatement>(3);
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
