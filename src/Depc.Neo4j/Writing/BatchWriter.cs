using Depc.Core.Changes;
using Depc.Core.Periods;
using Depc.Core.Planning;
using Depc.Core.Storage;
using Depc.Neo4j.Http;

namespace Depc.Neo4j.Writing;

/// <summary>
/// Writes a batch plan in one transaction and two requests: (1) node upserts, then lock and read every
/// relationship of the batch; the period table runs here, on the stored states; (2) the final states, and commit.
/// </summary>
internal sealed class BatchWriter(Neo4jClient client, ConstraintKeeper constraints)
{
    private const int Attempts = 10;

    public async Task<BatchResult> ApplyAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyOnceAsync(plan, cancellationToken).ConfigureAwait(false);
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
    internal static bool IsRaceOfWriters(string? code) =>
        code is "Neo.TransientError.Transaction.ConstraintsChanged" or "Neo.TransientError.Transaction.DeadlockDetected";

    private async Task<BatchResult> ApplyOnceAsync(BatchPlan plan, CancellationToken cancellationToken)
    {
        var labels = plan.Nodes.Select(g => g.Label)
            .Concat(plan.Relationships.SelectMany(g => new[] { g.SourceLabel, g.TargetLabel }))
            .Distinct(StringComparer.Ordinal);
        await constraints.EnsureAsync(plan.Team, labels, cancellationToken).ConfigureAwait(false);

        var outcomes = new MessageOutcome[plan.MessageCount];
        var rejections = new List<EventRejection>();
        var first = plan.Nodes.Select(g => WriteStatements.Nodes(plan.Team, g)).ToList();
        if (plan.Relationships.Count == 0)
        {
            if (first.Count > 0)
            {
                await client.CommitAsync(first, cancellationToken).ConfigureAwait(false);
            }

            return new BatchResult(outcomes, rejections);
        }

        var stored = plan.Relationships.Select(g => new StoredRelationship?[g.Relationships.Count]).ToArray();
        for (var g = 0; g < plan.Relationships.Count; g++)
        {
            first.Add(WriteStatements.LockAndRead(plan.Team, plan.Relationships[g], stored[g]));
        }

        await constraints.EnsureChangesAsync(plan.Team, cancellationToken).ConfigureAwait(false);
        var transaction = await client.BeginAsync(first, cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new List<(long Id, RelationshipState State)>();
            var unused = new List<long>();
            var changed = new ChangeRecorder<long>();
            for (var g = 0; g < plan.Relationships.Count; g++)
            {
                var group = plan.Relationships[g];
                for (var i = 0; i < group.Relationships.Count; i++)
                {
                    var current = stored[g][i] ?? throw new Neo4jException(
                        null, $"relationship {group.Relationships[i].SourceName} -> {group.Relationships[i].TargetName} was not locked", isTransient: false);
                    var final = RelationshipResolver.Resolve(current.State, group.Relationships[i].Events, outcomes, rejections);
                    if (final is not null)
                    {
                        changes.Add((current.Id, final));
                        changed.Relationship(current.Id, current.State, final);
                    }
                    else if (current.Created)
                    {
                        unused.Add(current.Id);
                    }
                }
            }

            var second = new List<CypherStatement>(2);
            if (changes.Count > 0)
            {
                second.Add(WriteStatements.WriteStates(changes));
            }

            if (unused.Count > 0)
            {
                second.Add(WriteStatements.DeleteUnused(unused));
            }

            if (changed.Count > 0)
            {
                second.Add(ChangeStatements.Create(plan.Team, changed));
            }

            await transaction.CommitAsync(second, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            throw;
        }

        rejections.Sort((a, b) => a.MessageIndex.CompareTo(b.MessageIndex));
        return new BatchResult(outcomes, rejections);
    }
}
