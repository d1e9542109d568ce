namespace Depc.Server.Auth;

/// <summary>Who a valid token belongs to: the admin, or one team.</summary>
internal sealed record Caller(bool IsAdmin, string? Team)
{
    public static Caller Admin { get; } = new(true, null);

    public static Caller OfTeam(string team) => new(false, team);
}
