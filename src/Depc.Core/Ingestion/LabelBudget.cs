using System.Collections.Concurrent;
using Depc.Core.Naming;
using Depc.Core.Storage;

namespace Depc.Core.Ingestion;

/// <summary>
/// Keeps each team within <see cref="IngestLimits.MaxLabelsPerTeam"/> (SPEC §4): a batch's labels new to the team are
/// let in, in the order the batch first names them, while there is room; the messages naming one beyond are rejected
/// with the limit and its setting, the rest of the batch goes on. The team's labels are read from the store, and again
/// after <see cref="RefreshAfter"/>, so that labels other instances created count too (between two reads, instances
/// sharing a store may together let in a few more than the limit). Thread-safe.
/// </summary>
public sealed class LabelBudget(IGraphStore store, int maxLabelsPerTeam, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);

    // Bounds what the known labels of every team take together; past it they are read again as needed.
    private const long MaxCachedChars = 8L * 1024 * 1024;

    private readonly ConcurrentDictionary<TeamName, TeamLabels> _teams = new();
    private long _cachedChars;

    /// <summary>The batch with the messages naming labels beyond the team's room turned into rejections.</summary>
    public async Task<PlannedBatch> ApplyAsync(PlannedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var plan = batch.Plan;
        if (plan.Nodes.Count == 0)
        {
            return batch;
        }

        var team = await KnownAsync(plan.Team, cancellationToken).ConfigureAwait(false);
        HashSet<string>? refused = null;
        lock (team)
        {
            foreach (var group in plan.Nodes)
            {
                if (team.Labels.Contains(group.Label))
                {
                    continue;
                }

                if (team.Labels.Count < maxLabelsPerTeam)
                {
                    team.Labels.Add(group.Label);
                    Interlocked.Add(ref _cachedChars, group.Label.Length);
                }
                else
                {
                    (refused ??= new HashSet<string>(StringComparer.Ordinal)).Add(group.Label);
                }
            }
        }

        return refused is null ? batch : batch.Refusing(Refusals(plan, refused));
    }

    private Dictionary<int, string> Refusals(Planning.BatchPlan plan, HashSet<string> labels)
    {
        var messages = plan.Messages ?? throw new ArgumentException("the plan does not remember its messages", nameof(plan));
        var reasons = new Dictionary<int, string>();
        for (var m = 0; m < plan.MessageCount; m++)
        {
            var source = plan.Nodes[messages.Source(m).Group].Label;
            var (targetGroup, _) = messages.Target(m);
            var (field, label) = labels.Contains(source) ? ("source", source)
                : targetGroup >= 0 && labels.Contains(plan.Nodes[targetGroup].Label) ? ("target", plan.Nodes[targetGroup].Label)
                : (null, null);
            if (field is not null)
            {
                reasons[m] = $"$.{field}.label '{label}' would be a new label, but team {plan.Team} has {maxLabelsPerTeam} labels already, "
                    + $"the limit (setting {IngestLimits.Setting(nameof(IngestLimits.MaxLabelsPerTeam))})";
            }
        }

        return reasons;
    }

    private async Task<TeamLabels> KnownAsync(TeamName team, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_teams.TryGetValue(team, out var known) && now - known.ReadAt < RefreshAfter)
        {
            return known;
        }

        var stored = await store.GetLabelsAsync(team, cancellationToken).ConfigureAwait(false);
        var labels = new HashSet<string>(stored.Select(l => l.Name), StringComparer.Ordinal);
        if (Interlocked.Read(ref _cachedChars) > MaxCachedChars)
        {
            _teams.Clear();
            Interlocked.Exchange(ref _cachedChars, 0);
        }

        var fresh = new TeamLabels(labels, now);
        Interlocked.Add(ref _cachedChars, labels.Sum(l => (long)l.Length));
        _teams[team] = fresh;
        return fresh;
    }

    private sealed record TeamLabels(HashSet<string> Labels, DateTimeOffset ReadAt);
}
