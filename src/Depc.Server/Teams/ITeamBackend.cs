using Depc.Server.Rejections;

namespace Depc.Server.Teams;

/// <summary>Where the team credentials and the rejection feed of the store in use live (<see cref="TeamBackends.For"/>).</summary>
public interface ITeamBackend : ITeamCredentialStore, IRejectionLog
{
}
