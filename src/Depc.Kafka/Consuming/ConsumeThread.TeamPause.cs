using Confluent.Kafka;
using Depc.Core.Naming;

namespace Depc.Kafka.Consuming;

/// <summary>
/// Fairness on the consuming side (issue 12): librdkafka hands over what it fetched in one queue for all partitions, so
/// another team's messages sent behind a large backlog would wait until the backlog fetched before them (up to
/// librdkafka's prefetch, 100,000 messages) has been cut and written. When the waiting batches are full and half of them
/// are one team's while other teams' partitions are assigned, only that team's partitions are paused: librdkafka drops
/// what it fetched of them, the other teams' messages come through at once, and the team resumes once none of its batches
/// waits (<see cref="FlowControl.ShouldPauseTeam"/>, <see cref="FlowControl.ShouldResumeTeam"/>). The cost: what was
/// fetched of its partitions is fetched again. A single team consuming alone is never paused this way.
/// </summary>
internal sealed partial class ConsumeThread
{
    private readonly HashSet<TeamName> _pausedTeams = [];

    /// <summary>Pauses <paramref name="team"/>'s partitions when it fills the queue while other teams wait behind; true when paused.</summary>
    private bool PauseIfDominant(TeamName team)
    {
        if (_consumer is not { } consumer || _pausedTeams.Contains(team))
        {
            return false;
        }

        var othersAssigned = _positions.All.Any(b => b.State.Team is { } t && t != team);
        if (!_flow.ShouldPauseTeam(_waiting.CountOf(team), othersAssigned))
        {
            return false;
        }

        var partitions = PartitionsOf(consumer, team);
        consumer.Pause(partitions);
        _pausedTeams.Add(team);
        Log.TeamPaused(_logger, team.Value, _waiting.CountOf(team), _waiting.Count);
        return true;
    }

    private void ResumeTeamsDrained(IConsumer<Ignore, byte[]> consumer)
    {
        if (_pausedTeams.Count == 0)
        {
            return;
        }

        _pausedTeams.RemoveWhere(team =>
        {
            if (!FlowControl.ShouldResumeTeam(_waiting.CountOf(team)))
            {
                return false;
            }

            consumer.Resume(PartitionsOf(consumer, team));
            Log.TeamResumed(_logger, team.Value);
            return true;
        });
    }

    private static List<TopicPartition> PartitionsOf(IConsumer<Ignore, byte[]> consumer, TeamName team) =>
        [.. consumer.Assignment.Where(tp => tp.Topic == team.Topic)];
}
