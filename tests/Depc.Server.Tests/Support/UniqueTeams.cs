namespace Depc.Server.Tests.Support;

public static class UniqueTeams
{
    /// <summary>A team name no other test uses.</summary>
    public static string Team(string prefix = "t") => prefix + "-" + Guid.NewGuid().ToString("N")[..12];
}
