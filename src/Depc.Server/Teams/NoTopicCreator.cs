using Depc.Core.Naming;

namespace Depc.Server.Teams;

/// <summary>Without Kafka admin access no topic is created: the team's producers (or the broker's auto-creation) do it.</summary>
internal sealed class NoTopicCreator : ITeamTopicCreator
{
    public Task<string?> CreateTopicAsync(TeamName team, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
