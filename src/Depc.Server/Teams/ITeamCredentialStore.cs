using Depc.Core.Naming;

namespace Depc.Server.Teams;

/// <summary>
/// Where team credentials live: shared by every server on the same store, so a team created or
/// rotated on one is known to all. Only SHA-256 hashes of tokens are kept.
/// </summary>
public interface ITeamCredentialStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <returns>false when the team already exists.</returns>
    Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken);

    /// <returns>false when the team does not exist.</returns>
    Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken);

    /// <returns>false when the team does not exist.</returns>
    Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The team whose token has this hash, or null.</summary>
    Task<string?> FindTeamAsync(byte[] tokenHash, CancellationToken cancellationToken);
}
