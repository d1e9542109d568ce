using Depc.Core.Naming;

namespace Depc.Server.Teams;

/// <summary>Creates a new team's topic <c>depc.&lt;team&gt;</c> when Kafka admin access is configured.</summary>
public interface ITeamTopicCreator
{
    /// <returns>The topic created, or null when Kafka admin access is not configured.</returns>
    Task<string?> CreateTopicAsync(TeamName team, CancellationToken cancellationToken);
}
